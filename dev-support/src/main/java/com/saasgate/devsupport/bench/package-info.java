/**
 * {@code scripts/bench/login-bench}: how close logins through the gateway come to the password hash's own
 * rate, and how much cheaper a refresh is than a login, measured against a baseline in the same run.
 */
package com.saasgate.devsupport.bench;
