/**
 * Hostile input from an API's own OpenAPI description, for the services' hostile-input suites: the
 * operations as the description lists them ({@link ApiDescription}), a valid request of each and every
 * way to spoil it ({@link HostileRequests}: each field missing, null, of each wrong type and extreme;
 * bodies that are not JSON, arrays, deep nesting, duplicate keys, invalid UTF-8; invalid
 * percent-encoding and hostile ids in paths and queries; seeded random combinations), sent byte for byte
 * ({@link RawHttp}) and judged against the contract ({@link ContractCheck}), with every table's checksum
 * before and after ({@link TableChecksums}).
 *
 * <p>Test support only: nothing here runs in scripts/dev or a service. It needs Jackson 3 on the class
 * path, which both services' test class paths have.
 */
package com.saasgate.devsupport.hostile;
