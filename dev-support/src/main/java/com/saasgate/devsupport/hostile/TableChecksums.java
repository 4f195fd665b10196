package com.saasgate.devsupport.hostile;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A checksum of every table of the {@code public} schema, its row count and a hash of every row's
 * text, taken in one statement: two equal snapshots mean no row was added, removed or changed. Tables
 * in {@code ignored} are left out (the caller says why: a scheduler's lock rows change on their own).
 */
public final class TableChecksums implements AutoCloseable {

	/**
	 * The columns that auth-billing's own retries rewrite on rows queued earlier (a mail waiting for SMTP,
	 * a Stripe event deferred until its customer is linked), whatever requests arrive meanwhile: left out
	 * of the row's hash, so that a retry of earlier work is not taken for a row changed by a 4xx. A 4xx
	 * that queued or stored anything still shows, as a new row.
	 */
	static final Map<String, List<String>> BACKGROUND_COLUMNS = Map.of(
			"outbox", List.of("attempts", "next_attempt_at", "last_error", "delivered_at", "dead_lettered_at",
					"claim_token", "claimed_until"),
			"stripe_events", List.of("status", "attempts", "next_attempt_at", "last_error", "applied_at"));

	private final Connection connection;

	private final String sql;

	private final List<String> tables;

	public TableChecksums(Connection connection, Set<String> ignored) throws SQLException {
		this.connection = connection;
		this.tables = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables "
						+ "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
			while (rows.next()) {
				if (!ignored.contains(rows.getString(1))) {
					this.tables.add(rows.getString(1));
				}
			}
		}
		StringBuilder sql = new StringBuilder();
		for (String table : this.tables) {
			List<String> background = BACKGROUND_COLUMNS.getOrDefault(table, List.of());
			String row = background.isEmpty() ? "t::text"
					: "(to_jsonb(t) - ARRAY['" + String.join("', '", background) + "'])::text";
			sql.append((sql.length() > 0) ? " UNION ALL " : "").append("SELECT '").append(table)
				.append("', count(*) || ':' || coalesce(sum(hashtextextended(").append(row).append(", 0)), 0) FROM \"")
				.append(table)
				.append("\" t");
		}
		this.sql = sql.toString();
	}

	/** Connects to {@code DATABASE_URL} as the services take it: {@code postgresql://user:password@host:port/db} or JDBC. */
	public static Connection connect(String databaseUrl) throws SQLException {
		return com.saasgate.devsupport.Jdbc.connect(databaseUrl);
	}

	public List<String> tables() {
		return List.copyOf(this.tables);
	}

	/** Each table's count and hash. */
	public Map<String, String> snapshot() {
		Map<String, String> snapshot = new TreeMap<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rows = statement.executeQuery(this.sql)) {
			while (rows.next()) {
				snapshot.put(rows.getString(1), rows.getString(2));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return snapshot;
	}

	/** The tables whose checksum differs between two snapshots. */
	public static List<String> changed(Map<String, String> before, Map<String, String> after) {
		List<String> changed = new ArrayList<>();
		before.forEach((table, sum) -> {
			if (!sum.equals(after.get(table))) {
				changed.add(table);
			}
		});
		return changed;
	}

	@Override
	public void close() throws SQLException {
		this.connection.close();
	}

}
