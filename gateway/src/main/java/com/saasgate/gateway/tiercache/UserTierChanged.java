package com.saasgate.gateway.tiercache;

import java.util.UUID;

/** A {@code user_tier_changed} message arrived for the user (whether or not it changed the tier cache). */
public record UserTierChanged(UUID userId, long version) {
}
