package com.saasgate.authbilling.outbox;

/**
 * Thrown by an {@link OutboxHandler} when trying again cannot help (an address the mail server
 * refuses for good, a payload that can never be delivered): the message is dead-lettered at once.
 * The message is kept as the row's last error, so it must not hold secrets.
 */
public class PermanentDeliveryFailure extends Exception {

	public PermanentDeliveryFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
