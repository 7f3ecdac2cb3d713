package io.qtestjvm.server.net;

import io.qtestjvm.core.Clock;
import io.qtestjvm.devices.virtio.VirtioNet;
import io.qtestjvm.server.cli.NetdevSpec;
import io.qtestjvm.server.cli.StartupException;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A machine's network layer: the {@code -netdev} back ends by id, the hubs, the NICs joined to them, and the
 * host-side commands on them ({@code set_link}, {@code announce-self}). Machine thread only, except
 * {@link #setWakeup}'s callback, which the back ends' I/O threads call after queueing a frame.
 */
public final class NetStack {
    /** The name prefix of the threads a socket netdev reads and writes its descriptor on (blocked in native I/O). */
    public static final String IO_THREAD_PREFIX = "netdev-";

    private final Clock hostClock;
    private final Map<String, NetClient> backends = new LinkedHashMap<>();
    private final Map<Integer, Hub> hubs = new LinkedHashMap<>();
    private final List<NicPort> nics = new ArrayList<>();
    private final Map<String, Integer> modelCounts = new HashMap<>();
    private final Map<String, AnnounceSchedule> schedules = new HashMap<>();
    private volatile Runnable wakeup = () -> { };
    private Function<VirtioNet, String> deviceIds = n -> null;
    private BooleanSupplier runState = () -> true;
    private boolean running = true;

    public NetStack(Clock hostClock) {
        this.hostClock = hostClock;
    }

    /** How the I/O threads wake the machine thread's loop (the in-JVM server polls before every command). */
    public void setWakeup(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Where the VM's run state is read (the monitor's; without one the VM counts as running). */
    public void setRunState(BooleanSupplier runState) {
        this.runState = runState;
        poll();
    }

    /** Opens every {@code -netdev} in command-line order (sockets connect or listen now, as QEMU's do). */
    public void open(List<NetdevSpec> specs) throws StartupException {
        for (NetdevSpec s : specs) {
            try {
                NetClient c = create(s);
                backends.put(s.id(), c);
            } catch (NetException e) {
                throw StartupException.at("netdev", s.arg(), e.getMessage());
            }
        }
        for (NetdevSpec s : specs) {
            String peer = s.options().get("netdev");
            if (s.type().equals("hubport") && peer != null) {
                NetClient p = backends.get(peer);
                if (p == null || p.peer() != null) {
                    throw StartupException.at("netdev", s.arg(), p == null ? "netdev '" + peer + "' not found"
                            : "Property 'netdev' can't take value '" + peer + "', it's in use");
                }
                NetClient.join(backends.get(s.id()), p);
            }
        }
    }

    private NetClient create(NetdevSpec s) throws NetException {
        Map<String, String> o = s.options();
        Runnable wake = () -> wakeup.run();
        switch (s.type()) {
            case "user" -> {
                return new UserBackend(s.id());
            }
            case "hubport" -> {
                return hubs.computeIfAbsent(s.hubId(), Hub::new).addPort(s.id());
            }
            default -> {
                // socket: exactly one of fd/connect/listen/udp/mcast (checked by the parser)
                SocketBackend b;
                if (o.containsKey("fd")) {
                    b = new SocketBackend(s.id(), "fd=" + s.fd(), SocketLinks.inherited(s.fd()),
                            SocketLinks.once(), wake);
                } else if (o.containsKey("connect")) {
                    String t = o.get("connect");
                    HostLink l = SocketLinks.connect(SocketLinks.hostPort(t, false));
                    b = new SocketBackend(s.id(), l == null ? "" : "connect=" + t, l, SocketLinks.once(), wake);
                } else if (o.containsKey("listen")) {
                    String t = o.get("listen");
                    b = new SocketBackend(s.id(), "listen=" + t, null, SocketLinks.listen(SocketLinks.hostPort(t,
                            true)), wake);
                } else if (o.containsKey("udp")) {
                    String t = o.get("udp");
                    String local = o.get("localaddr");
                    if (local == null) {
                        throw new NetException("localaddr= is mandatory with udp=");
                    }
                    b = new SocketBackend(s.id(), "udp=" + t, SocketLinks.udp(SocketLinks.hostPort(t, false),
                            SocketLinks.hostPort(local, true)), SocketLinks.once(), wake);
                } else {
                    String t = o.get("mcast");
                    InetAddress local = null;
                    if (o.containsKey("localaddr")) {
                        try {
                            local = InetAddress.getByName(o.get("localaddr"));
                        } catch (java.io.IOException e) {
                            throw new NetException("localaddr '" + o.get("localaddr") + "' is not an address");
                        }
                    }
                    b = new SocketBackend(s.id(), "mcast=" + t, SocketLinks.mcast(SocketLinks.hostPort(t, false),
                            local), SocketLinks.once(), wake);
                }
                b.start();
                return b;
            }
        }
    }

    /**
     * Checks {@code netdev=} of a NIC before it is built: the back end exists and has no peer yet.
     * @throws NetException with QEMU's property error
     */
    public void checkNetdev(String netdevId) throws NetException {
        if (netdevId == null) {
            return;
        }
        NetClient b = backends.get(netdevId);
        if (b == null) {
            throw new NetException("Property 'virtio-net-device.netdev' can't find value '" + netdevId + "'");
        }
        if (b.peer() != null) {
            throw new NetException("Property 'virtio-net-device.netdev' can't take value '" + netdevId
                    + "', it's in use");
        }
    }

    /**
     * Joins a virtio-net device to its back end ({@code netdev=}, may be null: a NIC without a peer). The NIC's
     * own name, when it has no id, is QEMU's {@code MODEL.N}, N counting the NICs of that model.
     */
    public void attachNic(String netdevId, VirtioNet device, String model) {
        int n = modelCounts.merge(model, 1, Integer::sum) - 1;
        NicPort nic = new NicPort(model + "." + n, model, device, () -> runState.getAsBoolean());
        if (netdevId != null) {
            NetClient b = backends.get(netdevId);
            if (b != null && b.peer() == null) {
                NetClient.join(nic, b);
            }
        }
        device.setReceiveSpaceListener(this::pollBackends);
        nics.add(nic);
        device.setRunning(running);
    }

    /** Drops the NIC of a removed device (its back end may take a new NIC). */
    public void detachNic(VirtioNet device) {
        for (int i = 0; i < nics.size(); i++) {
            NicPort nic = nics.get(i);
            if (nic.device() == device) {
                NetClient.separate(nic);
                nics.remove(i);
                return;
            }
        }
    }

    /** The machine thread's turn: follows the VM's run state, then hands over what the back ends received. */
    public void poll() {
        boolean run = runState.getAsBoolean();
        if (run != running) {
            running = run;
            for (int i = 0; i < nics.size(); i++) {
                nics.get(i).runStateChanged(run);
            }
        }
        pollBackends();
    }

    private void pollBackends() {
        if (!running) {
            return;
        }
        for (NetClient b : backends.values()) {
            b.poll();
        }
    }

    /**
     * How the board finds the id of the device a NIC belongs to (null: none): QEMU names a NIC by its device's id
     * and only a NIC without one {@code MODEL.N} (Debian's 7.2: {@code set_link} of {@code virtio-net-pci.0} is
     * DeviceNotFound when that NIC has an id).
     */
    public void setDeviceIds(Function<VirtioNet, String> ids) {
        this.deviceIds = ids;
    }

    /** The NIC's name as QEMU gives it: its device's id, or {@code MODEL.N}. */
    private String nameOf(NicPort n) {
        String id = deviceIds.apply(n.device());
        return id != null ? id : n.name();
    }

    private NicPort nic(String name) {
        for (NicPort n : nics) {
            if (nameOf(n).equals(name)) {
                return n;
            }
        }
        return null;
    }

    /**
     * QMP {@code set_link}: a NIC (by its name: its device's id, or {@code MODEL.N} when it has none) or a back end
     * (by id). Taking a back end's link
     * down also takes down the NIC joined to it; a NIC's link does not change its back end.
     * @return false when no network client has that name (DeviceNotFound)
     */
    public boolean setLink(String name, boolean up) {
        NicPort n = nic(name);
        if (n != null) {
            n.setLinkDown(!up);
            return true;
        }
        NetClient b = backends.get(name);
        if (b == null) {
            return false;
        }
        b.setLinkDown(!up);
        if (b.peer() instanceof NicPort peerNic) {
            peerNic.setLinkDown(!up);
        }
        return true;
    }

    /**
     * QMP {@code announce-self}: starts (or with {@code rounds <= 0} stops) the series named {@code id} (null: the
     * unnamed one). Each round sends a RARP frame from every NIC (or those in {@code interfaces}) and asks drivers
     * that negotiated it to announce themselves.
     */
    public void announce(long initial, long max, long rounds, long step, List<String> interfaces, String id) {
        String key = id == null ? "" : id;
        AnnounceSchedule s = schedules.get(key);
        if (s == null) {
            AnnounceSchedule[] self = new AnnounceSchedule[1];
            s = new AnnounceSchedule(hostClock, () -> announceRound(self[0].interfaces()));
            self[0] = s;
            schedules.put(key, s);
        }
        s.start(initial, max, rounds, step, interfaces);
    }

    private void announceRound(List<String> interfaces) {
        for (int i = 0; i < nics.size(); i++) {
            NicPort n = nics.get(i);
            if (interfaces != null && !interfaces.contains(nameOf(n))) {
                continue;
            }
            n.sendFromHost(RarpAnnouncement.frame(n.device().permanentMac()));
            n.device().announce();
        }
    }

    /**
     * The warnings QEMU prints once the machine is made when a network client was left without a peer (observed on
     * Debian's QEMU 7.2, NetPeerWarningTest). First each hub, the newest first: its ports without a peer, newest
     * first ({@code hub port P has no peer}), then {@code hub N with no nics} when a port leads to a host back end
     * and none to a NIC, or {@code hub N is not connected to host network} when it is the other way round. Then each
     * back end in command-line order and each NIC in the order made that has no peer ({@code netdev ID has no peer},
     * {@code nic NAME has no peer}, NAME being the device's id or else {@code MODEL.N}). A hub port's peer counts as
     * neither a NIC nor a host back end.
     */
    public List<String> peerWarnings() {
        List<String> out = new ArrayList<>();
        List<Hub> inOrderMade = new ArrayList<>(hubs.values());
        for (Hub h : inOrderMade.reversed()) {
            boolean nic = false;
            boolean host = false;
            for (Hub.Port p : h.ports().reversed()) {
                NetClient peer = p.peer();
                if (peer == null) {
                    out.add("warning: hub port " + p.name() + " has no peer");
                } else if (peer instanceof NicPort) {
                    nic = true;
                } else if (!(peer instanceof Hub.Port)) {
                    host = true;
                }
            }
            if (host && !nic) {
                out.add("warning: hub " + h.id() + " with no nics");
            } else if (nic && !host) {
                out.add("warning: hub " + h.id() + " is not connected to host network");
            }
        }
        for (NetClient b : backends.values()) {
            if (b.peer() == null) {
                out.add("warning: netdev " + b.name() + " has no peer");
            }
        }
        for (NicPort n : nics) {
            if (n.peer() == null) {
                out.add("warning: nic " + nameOf(n) + " has no peer");
            }
        }
        return out;
    }

    /** {@code info network}'s lines: each NIC with its peer indented under it, then back ends without a NIC. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (NicPort n : nics) {
            out.add(n.describe());
            if (n.peer() != null) {
                out.add(" \\ " + n.peer().describe());
            }
        }
        for (NetClient b : backends.values()) {
            if (!(b.peer() instanceof NicPort)) {
                out.add(b.describe());
            }
        }
        return out;
    }

    public void close() {
        for (AnnounceSchedule s : schedules.values()) {
            s.stop();
        }
        for (NetClient b : backends.values()) {
            b.close();
        }
    }
}
