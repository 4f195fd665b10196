/**
 * Real PostgreSQL and Redis servers started from Maven artifacts, for the tests and for
 * {@code scripts/dev}: nothing here needs Docker or an installed server, and nothing here ships in a
 * production artifact.
 */
package com.saasgate.devsupport;
