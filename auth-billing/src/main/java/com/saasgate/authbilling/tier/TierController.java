package com.saasgate.authbilling.tier;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.saasgate.authbilling.web.ApiException;
import com.saasgate.security.contract.Tier;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/users/{id}/tier}: read by the gateway's tier cache ({@code GET}, service
 * {@code gateway}) and set by operators ({@code POST}, service {@code ops}); the service-token guard
 * is the security configuration's.
 */
@RestController
@RequestMapping("/internal/users/{id}/tier")
class TierController {

	/**
	 * A user's tier as the gateway caches it; {@code trialEndsAt} lets it downgrade a trial that ends
	 * while the entry is cached.
	 */
	@Schema(requiredProperties = { "userId", "tier", "effectiveTier", "trialEndsAt", "version" })
	record TierView(UUID userId, @Schema(ref = "Tier") String tier, @Schema(ref = "Tier") String effectiveTier,
			@Schema(types = { "string", "null" }, format = "date-time") Instant trialEndsAt, long version) {
	}

	/** An operator's change. */
	@Schema(requiredProperties = "tier")
	record TierChangeRequest(@Schema(ref = "Tier") String tier, @Schema(maxLength = 500) String reason) {
	}

	private final TierRepository repository;

	private final TierChanges changes;

	private final Clock clock;

	TierController(TierRepository repository, TierChanges changes, Clock clock) {
		this.repository = repository;
		this.changes = changes;
		this.clock = clock;
	}

	@GetMapping
	TierView get(@PathVariable UUID id) {
		return this.repository.find(id).map(this::view).orElseThrow(() -> notFound(id));
	}

	@PostMapping
	TierView set(@PathVariable UUID id, @RequestBody TierChangeRequest request) {
		Tier tier = parse(request);
		String reason = (request.reason() != null && !request.reason().isBlank()) ? request.reason().strip() : null;
		if (reason != null && reason.length() > 500) {
			throw ApiException.invalidRequest("reason must be at most 500 characters.");
		}
		TierChangeOutcome outcome;
		try {
			outcome = this.changes.change(id, tier, TierChangeSource.OPERATOR, reason);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest(ex.getMessage());
		}
		if (outcome instanceof TierChangeOutcome.UserNotFound) {
			throw notFound(id);
		}
		return get(id);
	}

	private TierView view(UserTier user) {
		Tier effective = Tier.effective(user.tier(), user.trialEndsAt(), this.clock.instant());
		return new TierView(user.userId(), user.tier().value(), effective.value(), user.trialEndsAt(), user.version());
	}

	private static Tier parse(TierChangeRequest request) {
		try {
			return Tier.of((request != null) ? request.tier() : null);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest("tier must be one of free_trial, free_restricted, basic, pro.");
		}
	}

	private static ApiException notFound(UUID id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not_found", "There is no user " + id + ".");
	}

}
