package com.saasgate.authbilling.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.saasgate.authbilling.auth.AuthenticatedUser;
import com.saasgate.authbilling.security.CallingService;
import com.saasgate.authbilling.usage.Reservations.ReserveCommand;
import com.saasgate.authbilling.usage.Reservations.Reserved;
import com.saasgate.authbilling.usage.UsageRequests.BatchEvent;
import com.saasgate.authbilling.usage.UsageRequests.BatchRequest;
import com.saasgate.authbilling.usage.UsageRequests.CommitRequest;
import com.saasgate.authbilling.usage.UsageRequests.RecordRequest;
import com.saasgate.authbilling.usage.UsageRequests.ReserveRequest;
import com.saasgate.authbilling.usage.UsageResponses.CommitResult;
import com.saasgate.authbilling.usage.UsageResponses.Quota;
import com.saasgate.authbilling.usage.UsageResponses.RecordResult;
import com.saasgate.authbilling.usage.UsageResponses.Reservation;
import com.saasgate.authbilling.usage.UsageResponses.Summary;
import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.Headers;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /usage/*} (API contract section 4), HTTP only: the internal calls of services (the
 * service-token guard and its allow-list are the security configuration's) and the user's summary.
 */
@RestController
class UsageController {

	static final String IDEMPOTENCY_KEY = Headers.IDEMPOTENCY_KEY;

	/** Tries of a transaction that PostgreSQL aborted to break a deadlock. */
	private static final int LOCK_ATTEMPTS = 3;

	/** {@code POST /usage/record/batch}. */
	@Schema(requiredProperties = "results")
	record BatchResult(List<RecordResult> results) {
	}

	private final UsageLedger ledger;

	private final Reservations reservations;

	private final UsageInput input;

	private final UsageMetrics metrics;

	private final UsageProperties properties;

	UsageController(UsageLedger ledger, Reservations reservations, UsageInput input, UsageMetrics metrics,
			UsageProperties properties) {
		this.ledger = ledger;
		this.reservations = reservations;
		this.input = input;
		this.metrics = metrics;
		this.properties = properties;
	}

	@PostMapping("/usage/record")
	ResponseEntity<RecordResult> record(CallingService caller,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, @RequestBody RecordRequest request) {
		RecordResult result;
		try {
			UsageEvent event = this.input.event(request.userId(), request.resourceType(), request.amount(),
					request.metadata(), key);
			result = inLedger(() -> this.ledger.record(caller.name(), event));
		}
		catch (ApiException ex) {
			this.metrics.count(request.resourceType(), UsageMetrics.Result.REJECTED);
			throw ex;
		}
		count(request.resourceType(), result);
		return ResponseEntity.status(result.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
	}

	@PostMapping("/usage/record/batch")
	BatchResult recordBatch(CallingService caller, @RequestBody BatchRequest request) {
		List<BatchEvent> events = request.events();
		if (events == null || events.isEmpty() || events.size() > this.properties.maxBatchSize()) {
			throw ApiException.invalidRequest(
					"events must hold 1 to " + this.properties.maxBatchSize() + " events.");
		}
		List<RecordResult> results;
		try {
			List<UsageEvent> valid = new ArrayList<>(events.size());
			for (int i = 0; i < events.size(); i++) {
				valid.add(valid(events.get(i), i));
			}
			results = inLedger(() -> this.ledger.recordBatch(caller.name(), valid));
		}
		catch (ApiException ex) {
			events.forEach((event) -> this.metrics.count((event != null) ? event.resourceType() : null,
					UsageMetrics.Result.REJECTED));
			throw ex;
		}
		for (int i = 0; i < results.size(); i++) {
			count(events.get(i).resourceType(), results.get(i));
		}
		return new BatchResult(results);
	}

	@GetMapping("/usage/quota")
	Quota quota(CallingService caller, @RequestParam(required = false) String userId,
			@RequestParam(required = false) String resourceType) {
		return this.ledger.quota(this.input.userId(userId), this.input.resourceType(resourceType));
	}

	@PostMapping("/usage/reserve")
	ResponseEntity<Reservation> reserve(CallingService caller,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key, @RequestBody ReserveRequest request) {
		ReserveCommand command = new ReserveCommand(this.input.userId(request.userId()),
				this.input.resourceType(request.resourceType()), this.input.amount(request.amount(), 1),
				this.input.ttl(request.ttlSeconds()), this.input.idempotencyKey(key));
		Reserved reserved = inLedger(() -> this.reservations.reserve(caller.name(), command));
		return ResponseEntity.status(reserved.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
			.body(reserved.reservation());
	}

	@PostMapping("/usage/reservations/{id}/commit")
	CommitResult commit(CallingService caller, @PathVariable String id, @RequestBody CommitRequest request) {
		UUID reservation = reservationId(id);
		long amount = this.input.amount(request.amount(), 0);
		String metadata = this.input.metadata(request.metadata());
		return inLedger(() -> this.reservations.commit(caller.name(), reservation, amount, metadata));
	}

	@PostMapping("/usage/reservations/{id}/release")
	ResponseEntity<Void> release(CallingService caller, @PathVariable String id) {
		UUID reservation = reservationId(id);
		inLedger(() -> {
			this.reservations.release(caller.name(), reservation);
			return null;
		});
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/usage/summary")
	Summary summary(AuthenticatedUser user) {
		return this.ledger.summary(user.userId());
	}

	private UsageEvent valid(BatchEvent event, int index) {
		if (event == null) {
			throw ApiException.invalidRequest("events[" + index + "] must be an object.");
		}
		try {
			return this.input.event(event.userId(), event.resourceType(), event.amount(), event.metadata(),
					event.idempotencyKey());
		}
		catch (ApiException ex) {
			throw new ApiException(ex.status(), ex.code(), "events[" + index + "]: " + ex.getMessage());
		}
	}

	private void count(String resourceType, RecordResult result) {
		this.metrics.count(resourceType,
				result.duplicate() ? UsageMetrics.Result.DUPLICATE : UsageMetrics.Result.RECORDED);
	}

	/**
	 * Runs a ledger transaction, retried when PostgreSQL broke a deadlock by aborting it (a batch and a
	 * single record may take the same key and counter locks in opposite orders): the aborted attempt
	 * changed nothing. A counter past 2^63 - 1 is refused by PostgreSQL, everything rolled back: the
	 * amount is the cause, a 400.
	 */
	private static <T> T inLedger(java.util.function.Supplier<T> call) {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == LOCK_ATTEMPTS) {
					throw ApiException.overloaded("The ledger is busy; retry with the same Idempotency-Key.",
							java.time.Duration.ofSeconds(1));
				}
			}
			catch (DataIntegrityViolationException ex) {
				if (ex.getMostSpecificCause() instanceof java.sql.SQLException sql && "22003".equals(sql.getSQLState())) {
					throw ApiException.invalidRequest("The amount would take the usage counter past " + Long.MAX_VALUE + ".");
				}
				throw ex;
			}
		}
	}

	/** A malformed id names no reservation: the same 404 as an unknown one. */
	private static UUID reservationId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no such reservation.");
		}
	}

}
