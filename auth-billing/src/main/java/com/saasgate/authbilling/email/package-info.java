/**
 * Outgoing email through the transactional outbox: {@link com.saasgate.authbilling.email.MailOutbox}
 * queues a mail in the caller's transaction, and a relay sends it over SMTP after commit, retrying with
 * back-off, so an SMTP outage delays mail but never loses it or fails the request that caused it.
 */
package com.saasgate.authbilling.email;
