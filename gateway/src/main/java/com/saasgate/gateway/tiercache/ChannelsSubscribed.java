package com.saasgate.gateway.tiercache;

/** The gateway's Redis channels were (re)subscribed: messages published meanwhile may be lost. */
public record ChannelsSubscribed() {
}
