package io.mape.examples.sim;

import java.util.Random;

/** PyMAPE's {@code VirtualAmbulance}: a {@link VirtualCar} with a siren (property {@code siren}). */
public final class VirtualAmbulance extends VirtualCar {

    private boolean siren;

    public VirtualAmbulance(String uid, int speed, Random random) {
        super(uid, speed, random);
    }

    @Override
    protected Object value(String property) {
        return property.equals("siren") ? siren : super.value(property);
    }

    public boolean siren() {
        return siren;
    }

    public void siren(boolean on) {
        siren = on;
        fire("siren", on);
    }
}
