package com.saasgate.authbilling.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import com.saasgate.security.Headers;
import com.saasgate.security.contract.ServiceNames;
import com.saasgate.security.jwt.InvalidTokenException;
import com.saasgate.security.servicetoken.ServiceTokenClaims;
import com.saasgate.security.servicetoken.ServiceTokens;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The address of the client a request is for, used to count failed logins and mails per client. The
 * gateway alone decides it (API contract section 1) and sends it in {@link Headers#CLIENT_ADDRESS};
 * that header is believed only on a request whose service token proves it came from the gateway:
 * issued by {@code gateway} and signed with the gateway's own key ({@code SERVICE_JWT_SECRET_GATEWAY}),
 * which no other holder of the shared key has. Otherwise, and when the header is not one IP literal,
 * the address is the TCP peer. {@code X-Forwarded-For} is never read: anyone can write it.
 */
@Component
public class ClientAddress {

	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	// Hex groups, colons and an optional dotted tail; no zone id, no brackets, no host names.
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*");

	private final ServiceTokens serviceTokens;

	ClientAddress(ServiceTokens serviceTokens) {
		this.serviceTokens = serviceTokens;
	}

	public String of(HttpServletRequest request) {
		List<String> values = Collections.list(request.getHeaders(Headers.CLIENT_ADDRESS));
		if (values.size() == 1 && fromGateway(request)) {
			String literal = ipLiteral(values.get(0).strip());
			if (literal != null) {
				return literal;
			}
		}
		return request.getRemoteAddr();
	}

	private boolean fromGateway(HttpServletRequest request) {
		String token = request.getHeader(Headers.SERVICE_TOKEN);
		if (token == null) {
			return false;
		}
		try {
			ServiceTokenClaims claims = this.serviceTokens.verify(token, ServiceNames.AUTH_BILLING);
			return ServiceNames.GATEWAY.equals(claims.service()) && claims.signedWithOwnKey();
		}
		catch (InvalidTokenException ex) {
			return false;
		}
	}

	/** The address in canonical form when the value is an IPv4 or IPv6 literal, else null; never a DNS lookup. */
	static String ipLiteral(String value) {
		if (value.length() > 45 || !(IPV4.matcher(value).matches() || IPV6.matcher(value).matches())) {
			return null;
		}
		try {
			// Only literals get here, and InetAddress does not resolve a literal.
			return InetAddress.getByName(value).getHostAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
