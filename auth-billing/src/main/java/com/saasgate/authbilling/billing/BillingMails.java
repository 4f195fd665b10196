package com.saasgate.authbilling.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.saasgate.authbilling.email.MailProperties;
import com.saasgate.authbilling.email.OutgoingMail;

import org.springframework.stereotype.Component;

/** The texts of the billing mails. */
@Component
class BillingMails {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final MailProperties mail;

	BillingMails(MailProperties mail) {
		this.mail = mail;
	}

	OutgoingMail trialWillEnd(String to, Instant trialEnd) {
		String when = (trialEnd != null) ? "on " + DATE.format(trialEnd) : "soon";
		return new OutgoingMail(to, "Your trial ends " + when, """
				Your subscription's trial ends %s. After that, the payment method on file is charged
				and your plan continues without a break.

				To change your plan or payment method, or to cancel, open your billing settings:

				%s
				""".formatted(when, this.mail.link("/billing")));
	}

	OutgoingMail paymentFailed(String to, Long amountDue, String currency, String invoiceUrl) {
		String amount = (amountDue != null && currency != null) ? " of " + money(amountDue, currency) : "";
		String pay = (invoiceUrl != null) ? "Pay the invoice here:\n\n" + invoiceUrl + "\n\nor update" : "Update";
		return new OutgoingMail(to, "Your payment failed", """
				We could not collect your payment%s. We will try again over the next days; your plan
				stays as it is meanwhile.

				%s your payment method in your billing settings:

				%s
				""".formatted(amount, pay, this.mail.link("/billing")));
	}

	private static String money(long minorUnits, String currency) {
		return BigDecimal.valueOf(minorUnits, 2).toPlainString() + " " + currency.toUpperCase(Locale.ROOT);
	}

}
