package io.mape.examples.distributed;

import io.mape.examples.distributed.Devices.Device;
import io.mape.test.redis.RedisExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The coordinated example as one process per device, linked over Redis pub/sub with PyMAPE's channel names. */
class RedisDevicesIT {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private final Devices devices = new Devices();

    @AfterEach
    void killAll() throws InterruptedException {
        devices.close();
    }

    private Device start(String example, String name, int speed) throws Exception {
        return devices.start(name, example, "--name", name, "--speed", String.valueOf(speed),
                "--redis", REDIS.server().url(), "--duration", "120");
    }

    @Test
    void carsAndTheAmbulanceCoordinateOverRedis() throws Exception {
        Device ambulance = start("coordinated-ambulance", "Ambulance", 80);
        Device veyron = start("coordinated-car", "Veyron", 380);
        Device panda = start("coordinated-car", "Panda", 90);
        Devices.awaitReady(ambulance, veyron, panda);

        Coordination.anEmergencyOnOneCarReachesTheOtherAndTheAmbulance(ambulance, veyron, panda);
    }

    @Test
    void carsWithMessagesCoordinateOverRedis() throws Exception {
        Device veyron = start("coordinated-car-with-message", "Veyron", 380);
        Device countach = start("coordinated-car-with-message", "Countach", 240);
        Device panda = start("coordinated-car-with-message", "Panda", 90);
        Devices.awaitReady(veyron, countach, panda);

        Coordination.aCarSlowsWhenTwoOthersReportAnEmergency(veyron, countach, panda);
    }
}
