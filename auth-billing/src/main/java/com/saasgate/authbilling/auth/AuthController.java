package com.saasgate.authbilling.auth;

import com.saasgate.authbilling.web.ApiException;
import com.saasgate.authbilling.web.ClientAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The auth calls of api-contract.md section 2. */
@RestController
@RequestMapping("/auth")
class AuthController {

	private final RegistrationService registration;

	private final LoginService login;

	private final SessionService sessions;

	private final PasswordResetService passwordReset;

	private final AccountService accounts;

	private final ClientAddress clientAddress;

	AuthController(RegistrationService registration, LoginService login, SessionService sessions,
			PasswordResetService passwordReset, AccountService accounts, ClientAddress clientAddress) {
		this.registration = registration;
		this.login = login;
		this.sessions = sessions;
		this.passwordReset = passwordReset;
		this.accounts = accounts;
		this.clientAddress = clientAddress;
	}

	@PostMapping("/register")
	@ResponseStatus(HttpStatus.CREATED)
	AuthResponses.Registered register(@Valid @RequestBody AuthRequests.Register request, HttpServletRequest http) {
		return AuthResponses.Registered.of(this.registration.register(request, this.clientAddress.of(http)));
	}

	@PostMapping("/verify-email")
	TokenPair verifyEmail(@Valid @RequestBody AuthRequests.Token request) {
		return this.registration.verifyEmail(request.token());
	}

	@PostMapping("/resend-verification")
	ResponseEntity<Void> resendVerification(@Valid @RequestBody AuthRequests.Email request,
			HttpServletRequest http) {
		this.registration.resendVerification(request.email(), this.clientAddress.of(http));
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/login")
	TokenPair login(@Valid @RequestBody AuthRequests.Login request, HttpServletRequest http) {
		return this.login.login(request.email(), request.password(), this.clientAddress.of(http));
	}

	@PostMapping("/refresh")
	TokenPair refresh(@Valid @RequestBody AuthRequests.Refresh request) {
		RefreshOutcome outcome = this.sessions.refresh(request.refreshToken());
		if (outcome instanceof RefreshOutcome.Rotated rotated) {
			return rotated.pair();
		}
		if (outcome instanceof RefreshOutcome.Reused) {
			throw new ApiException(HttpStatus.UNAUTHORIZED, "token_reused",
					"This refresh token was already used; every session of its login has been ended.");
		}
		throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_token",
				"The refresh token is invalid, expired or revoked.");
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(@Valid @RequestBody AuthRequests.Refresh request) {
		this.sessions.logout(request.refreshToken());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/logout-all")
	ResponseEntity<Void> logoutAll(AuthenticatedUser user) {
		this.accounts.logoutAll(user);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/password/forgot")
	ResponseEntity<Void> forgotPassword(@Valid @RequestBody AuthRequests.Email request, HttpServletRequest http) {
		this.passwordReset.forgot(request.email(), this.clientAddress.of(http));
		return ResponseEntity.accepted().build();
	}

	@PostMapping("/password/reset")
	ResponseEntity<Void> resetPassword(@Valid @RequestBody AuthRequests.ResetPassword request) {
		this.passwordReset.reset(request.token(), request.newPassword());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me")
	AuthResponses.Me me(AuthenticatedUser user) {
		return this.accounts.me(user);
	}

}
