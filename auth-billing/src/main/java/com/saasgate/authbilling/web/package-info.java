/**
 * HTTP plumbing shared by every module: RFC 9457 problem documents for every error, request ids,
 * the request size limit and the client address behind the gateway.
 */
package com.saasgate.authbilling.web;
