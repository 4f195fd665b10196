package com.saasgate.authbilling.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the auth calls. Sizes cap what a request can make the service hash or store. */
final class AuthRequests {

	private AuthRequests() {
	}

	record Register(@NotBlank @Size(max = 254) @Schema(format = "email") String email,
			@NotNull @Size(max = 1024) String password, @Size(max = 200) String name) {

		@Override
		public String toString() {
			return "Register[]";
		}

	}

	record Login(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "Login[]";
		}

	}

	record Token(@NotBlank @Size(max = 512) String token) {

		@Override
		public String toString() {
			return "Token[]";
		}

	}

	record Email(@NotBlank @Size(max = 254) String email) {
	}

	record Refresh(@NotBlank @Size(max = 4096) String refreshToken) {

		@Override
		public String toString() {
			return "Refresh[]";
		}

	}

	record ResetPassword(@NotBlank @Size(max = 512) String token, @NotNull @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "ResetPassword[]";
		}

	}

}
