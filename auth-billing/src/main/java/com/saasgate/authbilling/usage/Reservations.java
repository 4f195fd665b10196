package com.saasgate.authbilling.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.authbilling.usage.UsageAccounts.Account;
import com.saasgate.authbilling.usage.UsageRepository.NewReservation;
import com.saasgate.authbilling.usage.UsageRepository.ReservationRow;
import com.saasgate.authbilling.usage.UsageResponses.CommitResult;
import com.saasgate.authbilling.usage.UsageResponses.Reservation;
import com.saasgate.authbilling.usage.UsageWriter.Written;
import com.saasgate.authbilling.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Holds against a quota: the transaction boundary of reserve, commit and release. A reserve locks the
 * period's counter row ({@code SELECT ... FOR UPDATE}, created if missing), so the reserves of one
 * counter run one after another and each sees the holds before it: parallel reserves never hold more
 * than the quota. Only the reserving service sees a reservation; for any other it does not exist.
 */
@Service
class Reservations {

	/** A hold to make. */
	record ReserveCommand(UUID userId, String resourceType, long amount, Duration ttl, String idempotencyKey) {

		byte[] requestHash() {
			return UsageInput.hash("reserve", this.userId.toString(), this.resourceType, Long.toString(this.amount),
					Long.toString(this.ttl.toSeconds()));
		}

	}

	/** A reserve's answer; {@code replayed} when an earlier reserve with the same key made it. */
	record Reserved(Reservation reservation, boolean replayed) {
	}

	private final UsageRepository repository;

	private final UsageAccounts accounts;

	private final UsageWriter writer;

	private final JsonMapper json;

	private final Clock clock;

	Reservations(UsageRepository repository, UsageAccounts accounts, UsageWriter writer, JsonMapper json, Clock clock) {
		this.repository = repository;
		this.accounts = accounts;
		this.writer = writer;
		this.json = json;
		this.clock = clock;
	}

	@Transactional
	Reserved reserve(String service, ReserveCommand command) {
		Instant now = this.clock.instant();
		Account account = this.accounts.find(command.userId(), now)
			.orElseThrow(() -> ApiException.invalidRequest("There is no user " + command.userId() + "."));
		String type = command.resourceType();
		long used = this.repository.lockCounter(command.userId(), type, account.period(), now);
		byte[] hash = command.requestHash();
		Optional<Reserved> replay = replay(service, command.idempotencyKey(), hash);
		if (replay.isPresent()) {
			return replay.get();
		}
		long held = this.repository.liveHolds(command.userId(), type, account.period(), now);
		long remaining = UsageAccounts.remaining(account.limit(type), used, held);
		if (command.amount() > remaining) {
			throw new ApiException(HttpStatus.CONFLICT, "quota_exceeded", "A hold of " + command.amount() + " "
					+ type + " does not fit: " + remaining + " remain of " + account.limit(type) + ".");
		}
		Reservation reservation = new Reservation(UUID.randomUUID(), command.amount(), now.plus(command.ttl()),
				remaining - command.amount());
		boolean inserted = this.repository.insertReservation(new NewReservation(reservation.reservationId(), service,
				command.idempotencyKey(), hash, command.userId(), type, command.amount(), account.period(), now,
				reservation.expiresAt()), this.json.writeValueAsString(reservation));
		if (!inserted) {
			// The same key for another counter, reserved concurrently: not the same request.
			return replay(service, command.idempotencyKey(), hash).orElseThrow(UsageLedger::keyReused);
		}
		return new Reserved(reservation, false);
	}

	/**
	 * Records the actual amount as one event and ends the hold; a second commit answers the first.
	 * @throws ApiException {@code 404 not_found} (unknown, or another service's), {@code 409
	 * reservation_expired}, {@code 409 reservation_released}
	 */
	@Transactional
	CommitResult commit(String service, UUID id, long amount, String metadata) {
		Instant now = this.clock.instant();
		ReservationRow hold = this.repository.lockReservation(id, service).orElseThrow(Reservations::notFound);
		switch (hold.state()) {
			case "committed" -> {
				return this.json.readValue(hold.commitResult(), CommitResult.class);
			}
			case "released" -> throw new ApiException(HttpStatus.CONFLICT, "reservation_released",
					"This reservation was released.");
			case "expired" -> throw expired();
			default -> {
				if (!hold.expiresAt().isAfter(now)) {
					throw expired();
				}
			}
		}
		Account account = this.accounts.find(hold.userId(), now).orElseThrow(Reservations::notFound);
		long dropped = hold.periodStart().equals(account.period().start()) ? hold.amount() : 0;
		UsageEvent event = new UsageEvent(hold.userId(), hold.resourceType(), amount, metadata, null, null);
		Written written = this.writer.write(service, event, account, id, dropped, now, new java.util.HashMap<>());
		CommitResult result = new CommitResult(true, written.used(), written.limit(), written.remaining(),
				written.periodEnd());
		this.repository.markCommitted(id, this.json.writeValueAsString(result), now);
		return result;
	}

	/** Drops the hold; an ended one stays as it is. */
	@Transactional
	void release(String service, UUID id) {
		ReservationRow hold = this.repository.lockReservation(id, service).orElseThrow(Reservations::notFound);
		if ("held".equals(hold.state())) {
			this.repository.end(id, "released", this.clock.instant());
		}
	}

	private Optional<Reserved> replay(String service, String key, byte[] hash) {
		if (key == null) {
			return Optional.empty();
		}
		return this.repository.findReservationByKey(service, key).map((first) -> {
			if (!Arrays.equals(first.requestHash(), hash)) {
				throw UsageLedger.keyReused();
			}
			return new Reserved(this.json.readValue(first.reserveResult(), Reservation.class), true);
		});
	}

	private static ApiException notFound() {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such reservation.");
	}

	private static ApiException expired() {
		return new ApiException(HttpStatus.CONFLICT, "reservation_expired", "This reservation has expired.");
	}

}
