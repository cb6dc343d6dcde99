/**
 * Who may use what the bridge and broker listen on: the users file and its password hashes, the
 * roles, HTTP Basic authentication, the broker's security settings, and TLS.
 */
package dev.multicast.bridge.access;
