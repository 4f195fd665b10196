/**
 * Running the service: the database connection built from {@code DATABASE_URL}, start-up checks of the
 * configuration, and the {@code /health} document operators and orchestrators read.
 */
package com.saasgate.authbilling.ops;
