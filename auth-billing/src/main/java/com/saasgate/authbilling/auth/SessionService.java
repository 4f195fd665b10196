package com.saasgate.authbilling.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.saasgate.authbilling.auth.RefreshTokenRepository.FamilyRow;
import com.saasgate.authbilling.auth.RefreshTokenRepository.RevocationReason;
import com.saasgate.authbilling.auth.RefreshTokenRepository.TokenAndUser;
import com.saasgate.authbilling.auth.RefreshTokenRepository.TokenRow;
import com.saasgate.security.jwt.AccessTokens;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.jwt.IssuedToken;
import com.saasgate.security.jwt.RefreshTokenClaims;
import com.saasgate.security.jwt.RefreshTokens;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions as families of rotating refresh tokens (RFC 9700 section 4.14). Every operation on a family
 * first locks its row, so concurrent refreshes of one token are serialised: the second sees the first
 * one's rotation and is judged by the reuse grace, never slipping past reuse detection.
 */
@Service
class SessionService {

	private final RefreshTokenRepository tokens;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final AuthProperties properties;

	private final Clock clock;

	SessionService(RefreshTokenRepository tokens, AccessTokens accessTokens, RefreshTokens refreshTokens,
			AuthProperties properties, Clock clock) {
		this.tokens = tokens;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.properties = properties;
		this.clock = clock;
	}

	/** A new family (a login) for the user; its absolute expiry is fixed now. */
	@Transactional
	TokenPair start(UserRow user) {
		Instant now = this.clock.instant();
		UUID familyId = UUID.randomUUID();
		Instant expiresAt = now.plus(this.properties.refreshTokenTtl());
		this.tokens.insertFamily(familyId, user.id(), now, expiresAt);
		return issue(user, familyId, null, expiresAt, now);
	}

	@Transactional
	RefreshOutcome refresh(String refreshToken) {
		Optional<RefreshTokenClaims> claims = verify(refreshToken);
		if (claims.isEmpty()) {
			return new RefreshOutcome.Invalid();
		}
		Optional<FamilyRow> family = this.tokens.lockFamily(claims.get().familyId());
		if (family.isEmpty()) {
			return new RefreshOutcome.Invalid();
		}
		// Read after the lock: a rotation that committed while this one waited is seen.
		Optional<TokenAndUser> found = this.tokens.findTokenAndUser(claims.get().tokenId(), family.get().userId());
		Optional<TokenRow> token = found.map(TokenAndUser::token);
		if (token.isEmpty() || !token.get().familyId().equals(family.get().id())
				|| !MessageDigest.isEqual(token.get().tokenHash(), SecretTokens.sha256(refreshToken))) {
			return new RefreshOutcome.Invalid();
		}
		Instant now = this.clock.instant();
		if (family.get().revokedAt() != null) {
			return RevocationReason.REUSE.value().equals(family.get().revokedReason()) ? new RefreshOutcome.Reused()
					: new RefreshOutcome.Invalid();
		}
		if (!family.get().expiresAt().isAfter(now)) {
			return new RefreshOutcome.Invalid();
		}
		if (token.get().spentAt() != null && !withinGrace(token.get().spentAt(), now)) {
			this.tokens.revokeFamily(family.get().id(), RevocationReason.REUSE, now);
			return new RefreshOutcome.Reused();
		}
		Optional<UserRow> user = found.get().user();
		if (user.isEmpty()) {
			return new RefreshOutcome.Invalid();
		}
		// The presented token is spent (unless it already was, within the grace) in the statement that
		// inserts its successor.
		return new RefreshOutcome.Rotated(
				issue(user.get(), family.get().id(), token.get().id(), family.get().expiresAt(), now));
	}

	/** Revokes the token's family; silently does nothing for a token that is not ours. */
	@Transactional
	void logout(String refreshToken) {
		verify(refreshToken).flatMap((claims) -> this.tokens.lockFamily(claims.familyId()))
			.ifPresent((family) -> this.tokens.revokeFamily(family.id(), RevocationReason.LOGOUT, this.clock.instant()));
	}

	/** Revokes every family of the user; their access tokens die with their short expiry. */
	@Transactional
	void endAll(UUID userId, RevocationReason reason) {
		this.tokens.revokeAllOfUser(userId, reason, this.clock.instant());
	}

	private boolean withinGrace(Instant spentAt, Instant now) {
		return !this.properties.refreshReuseGrace().isZero()
				&& !now.isAfter(spentAt.plus(this.properties.refreshReuseGrace()));
	}

	private Optional<RefreshTokenClaims> verify(String refreshToken) {
		try {
			return Optional.of(this.refreshTokens.verify(refreshToken));
		}
		catch (InvalidTokenException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A new pair; with a {@code parentId} (a rotation) that token is marked spent, if it is not yet, by
	 * the same statement that inserts the new one.
	 */
	private TokenPair issue(UserRow user, UUID familyId, UUID parentId, Instant familyExpiresAt, Instant now) {
		UUID tokenId = UUID.randomUUID();
		String refreshToken = this.refreshTokens
			.issue(new RefreshTokenClaims(tokenId, user.id(), familyId, familyExpiresAt));
		if (parentId == null) {
			this.tokens.insertToken(tokenId, familyId, null, SecretTokens.sha256(refreshToken), now);
		}
		else {
			this.tokens.spendAndInsert(parentId, tokenId, familyId, SecretTokens.sha256(refreshToken), now);
		}
		IssuedToken access = this.accessTokens.issue(user.id(), user.email(), user.role());
		return TokenPair.bearer(access.token(), refreshToken, this.accessTokens.ttl().toSeconds());
	}

}
