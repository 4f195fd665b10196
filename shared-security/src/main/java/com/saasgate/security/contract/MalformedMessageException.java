package com.saasgate.security.contract;

/**
 * A text on a {@link Channel} that is not its message. Carries no part of the text: it may come from
 * anyone who can publish on Redis, and ends up in logs.
 */
public final class MalformedMessageException extends RuntimeException {

	MalformedMessageException(String channel, Throwable cause) {
		super("Not a " + channel + " message" + ((cause != null) ? " (" + cause.getClass().getSimpleName() + ")" : ""),
				null, false, false);
	}

}
