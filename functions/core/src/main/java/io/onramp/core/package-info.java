/** Onramp core: domain, ports, validation, errors and the JDBC store. No HTTP here. */
package io.onramp.core;
