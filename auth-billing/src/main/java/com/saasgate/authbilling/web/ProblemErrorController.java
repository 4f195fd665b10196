package com.saasgate.authbilling.web;

import jakarta.servlet.RequestDispatcher;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller advice (rejected by a filter or the container) are
 * forwarded to {@code /error}; this answers them with the same problem document as everything else.
 */
@Hidden // the container's forward target, not a call a client makes
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// Without a status the container did not forward here: a client asked for the path itself.
		HttpStatusCode status = (code instanceof Integer value) ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
		String detail = status.is5xxServerError() ? "An unexpected error occurred." : "The request was rejected.";
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Problems.of(status, Problems.codeFor(status), detail));
	}

}
