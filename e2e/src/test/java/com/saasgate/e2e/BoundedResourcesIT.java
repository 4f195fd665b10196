package com.saasgate.e2e;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.saasgate.devsupport.Parallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services run with the JVM settings they ship with (a 128 MiB heap each, {@code ServiceJvm}) and
 * the production Argon2 cost. Many registrations and logins at once must queue for the hashing slots
 * or be refused with {@code 503 overloaded}, never run the heap out (a 500, or a dead process).
 */
@ExtendWith(E2eSuite.class)
class BoundedResourcesIT {

	private final Api api;

	BoundedResourcesIT(Api api) {
		this.api = api;
	}

	@Test
	void registerAndLoginWhenSixtyFourAtOnceOnTheShippedHeapThenNoServerError() throws Exception {
		Account existing = Account.fresh();
		this.api.verifiedUser(existing);
		AtomicInteger calls = new AtomicInteger();

		List<Response> answers = Parallel.run(64, () -> {
			Api client = this.api.newClient();
			return (calls.incrementAndGet() % 2 == 0) ? client.register(Account.fresh()) : client.login(existing);
		});

		assertThat(answers).extracting(Response::status).isSubsetOf(200, 201, 503);
		assertThat(answers).filteredOn((r) -> r.status() == 503)
			.allSatisfy((r) -> assertThat(r.text("code")).isEqualTo("overloaded"))
			.allSatisfy((r) -> assertThat(r.header("Retry-After")).isNotBlank());
		assertThat(answers).filteredOn((r) -> r.status() == 200 || r.status() == 201).isNotEmpty();
		assertThat(this.api.suite().anyServiceExit()).as("no service died").isNotDone();
		assertThat(this.api.get("/health").status()).isEqualTo(200);
	}

}
