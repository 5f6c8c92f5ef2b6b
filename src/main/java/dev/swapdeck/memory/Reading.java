package dev.swapdeck.memory;

import java.util.List;
import java.util.Map;

/**
 * What one probe found: the devices and the memory each process uses on them, by pid. A pid that
 * appears on several GPUs is summed (the queries do not say which GPU a process uses).
 *
 * @param source   {@link Source#GPU} from nvidia-smi, {@link Source#RAM} from /proc
 * @param devices  the GPUs, or the RAM as a single device
 * @param byPid    bytes used per process
 */
public record Reading(Source source, List<Device> devices, Map<Long, Long> byPid) {

    public enum Source {
        GPU, RAM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Reading {
        devices = List.copyOf(devices);
        byPid = Map.copyOf(byPid);
    }

    public long total() {
        return devices.stream().mapToLong(Device::total).sum();
    }

    public long used() {
        return devices.stream().mapToLong(Device::used).sum();
    }
}
