/**
 * The one path for side effects that must survive a crash (mail, the tier broadcast):
 * {@link com.saasgate.authbilling.outbox.Outbox} writes a message in the caller's transaction, and a
 * relay hands it after commit to the {@link com.saasgate.authbilling.outbox.OutboxHandler} of its
 * topic, under a fenced, leased claim, retrying with capped back-off until it is delivered or, after
 * too many tries or a {@link com.saasgate.authbilling.outbox.PermanentDeliveryFailure}, dead-lettered
 * for an operator to retry; delivered messages are pruned after a retention period.
 */
package com.saasgate.authbilling.outbox;
