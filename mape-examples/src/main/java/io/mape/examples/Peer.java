package io.mape.examples;

import java.util.Objects;

/**
 * Another device's REST API and name, given as {@code HOST:PORT/NAME} (PyMAPE's {@code --cars} values).
 *
 * @param address where its REST API listens
 * @param name    its name, as in its loop uids ({@code car_<name>_safety})
 */
public record Peer(HostPort address, String name) {

    public Peer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
    }

    /** Parses {@code value} for option {@code option}. */
    static Peer parse(String option, String value) throws UsageException {
        int slash = value.lastIndexOf('/');
        if (slash < 0) {
            throw new UsageException(option + " takes HOST:PORT/NAME (such as 127.0.0.1:6061/Countach), not '"
                    + value + "': no /NAME");
        }
        String name = value.substring(slash + 1);
        if (!Option.NAME.matcher(name).matches()) {
            throw new UsageException(option + ": the name in '" + value
                    + "' takes letters, digits, '_' and '-' only");
        }
        return new Peer(HostPort.parse(option, value.substring(0, slash), 1), name);
    }

    @Override
    public String toString() {
        return address + "/" + name;
    }
}
