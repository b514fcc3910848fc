package io.mape.examples.distributed;

import io.mape.examples.distributed.Devices.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The coordinated example as one process per device, each with its REST API on a free loopback port, the cars
 * POSTing to the ambulance ({@code --ambulance}) and to each other ({@code --cars}), as PyMAPE's REST commands do.
 */
class RestDevicesIT {

    private final Devices devices = new Devices();

    @AfterEach
    void killAll() throws InterruptedException {
        devices.close();
    }

    /** Starts a car per entry of {@code speeds}, each told where the ambulance and the others are. */
    private List<Device> cars(String example, int ambulancePort, Map<String, Integer> speeds) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : speeds.keySet()) {
            ports.put(name, Devices.freePort());
        }
        List<Device> cars = new ArrayList<>();
        for (String name : speeds.keySet()) {
            List<String> args = new ArrayList<>(List.of(example, "--name", name,
                    "--speed", String.valueOf(speeds.get(name)), "--rest", "127.0.0.1:" + ports.get(name),
                    "--ambulance", "127.0.0.1:" + ambulancePort, "--duration", "120", "--cars"));
            ports.forEach((other, port) -> {
                if (!other.equals(name)) {
                    args.add("127.0.0.1:" + port + "/" + other);
                }
            });
            cars.add(devices.start(name, args.toArray(String[]::new)));
        }
        return cars;
    }

    @Test
    void carsAndTheAmbulanceCoordinateOverRest() throws Exception {
        int ambulancePort = Devices.freePort();
        Device ambulance = devices.start("Ambulance", "coordinated-ambulance", "--speed", "80",
                "--rest", "127.0.0.1:" + ambulancePort, "--duration", "120");
        Map<String, Integer> speeds = new LinkedHashMap<>();
        speeds.put("Veyron", 380);
        speeds.put("Panda", 90);
        List<Device> cars = cars("coordinated-car", ambulancePort, speeds);
        Devices.awaitReady(ambulance, cars.get(0), cars.get(1));

        Coordination.anEmergencyOnOneCarReachesTheOtherAndTheAmbulance(ambulance, cars.get(0), cars.get(1));
    }

    @Test
    void carsWithMessagesCoordinateOverRest() throws Exception {
        Map<String, Integer> speeds = new LinkedHashMap<>();
        speeds.put("Veyron", 380);
        speeds.put("Countach", 240);
        speeds.put("Panda", 90);
        List<Device> cars = cars("coordinated-car-with-message", Devices.freePort(), speeds);
        Devices.awaitReady(cars.toArray(Device[]::new));

        Coordination.aCarSlowsWhenTwoOthersReportAnEmergency(cars.get(0), cars.get(1), cars.get(2));
    }
}
