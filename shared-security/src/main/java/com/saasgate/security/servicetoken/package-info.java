/**
 * Service-to-service tokens ({@code X-Service-Token}): short HS256 JWTs signed with the shared service
 * key, {@code iss} the calling service, {@code aud} the called one, living at most five minutes.
 */
package com.saasgate.security.servicetoken;
