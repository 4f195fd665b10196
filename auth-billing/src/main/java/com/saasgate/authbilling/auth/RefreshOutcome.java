package com.saasgate.authbilling.auth;

/** What presenting a refresh token led to. */
sealed interface RefreshOutcome {

	/** A new pair; the presented token is spent. */
	record Rotated(TokenPair pair) implements RefreshOutcome {
	}

	/** A spent token came back after the grace: its family is revoked now. */
	record Reused() implements RefreshOutcome {
	}

	/** Unknown, forged, expired or revoked. */
	record Invalid() implements RefreshOutcome {
	}

}
