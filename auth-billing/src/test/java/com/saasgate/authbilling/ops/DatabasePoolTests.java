package com.saasgate.authbilling.ops;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import com.saasgate.authbilling.support.Api;
import com.saasgate.authbilling.support.IntegrationTest;
import com.saasgate.authbilling.support.TestUsers;
import com.saasgate.devsupport.Parallel;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An exhausted pool answers 503 with Retry-After after DB_CONNECTION_TIMEOUT instead of hanging. */
@IntegrationTest
class DatabasePoolTests {

	@Autowired
	Api api;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void requestsWhenEveryConnectionIsTakenThenOverloadedFastAndServedAgainAfter() throws Exception {
		String token = TestUsers.verifiedUser(this.api).accessToken();
		assertThat(this.dataSource.getConnectionTimeout()).isEqualTo(2_000);
		List<Connection> taken = new ArrayList<>();
		List<Api.Response> answers;
		try {
			for (int i = 0; i < this.dataSource.getMaximumPoolSize(); i++) {
				taken.add(this.dataSource.getConnection());
			}

			answers = Parallel.run(10, () -> this.api.get("/billing/subscription", Api.bearer(token)));
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
			assertThat(answer.code()).isEqualTo("overloaded");
			assertThat(answer.header("Retry-After")).isEqualTo("1");
		});
		assertThat(this.api.get("/billing/subscription", Api.bearer(token)).status()).isEqualTo(200);
	}

}
