/**
 * Outgoing email: {@link com.saasgate.authbilling.email.MailOutbox} queues a mail in the caller's
 * transaction through the outbox, and the outbox relay hands it after commit to this module's SMTP
 * handler, which retries an outage with back-off and dead-letters an address the server refuses, so
 * an SMTP outage delays mail but never loses it or fails the request that caused it.
 */
package com.saasgate.authbilling.email;
