package io.qtestjvm.devices.sd;

/**
 * A controller's card slot: the {@link SdBus} the controller talks through, with the card that may be plugged in,
 * and the callbacks the controller gets when the card is inserted or removed or its write-protect switch changes.
 */
public final class SdSlot implements SdBus {
    /** What the controller wants to hear about its slot. */
    public interface Listener {
        void insertedChanged(boolean inserted);

        void readOnlyChanged(boolean readOnly);
    }

    /** The card side of the bus: implemented by the card model. */
    public interface Card {
        int doCommand(int cmd, long arg, byte[] response);

        void writeByte(byte value);

        byte readByte();

        boolean dataReady();

        boolean receiveReady();

        boolean readOnly();
    }

    private Card card;
    private Listener listener;

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Plugs {@code card} (null to remove it) and tells the controller. */
    public void attach(Card newCard) {
        this.card = newCard;
        if (listener != null) {
            listener.insertedChanged(newCard != null);
            listener.readOnlyChanged(newCard != null && newCard.readOnly());
        }
    }

    public Card card() {
        return card;
    }

    @Override
    public int doCommand(int cmd, long arg, byte[] response) {
        return card == null ? 0 : card.doCommand(cmd, arg, response);
    }

    @Override
    public void writeByte(byte value) {
        if (card != null) {
            card.writeByte(value);
        }
    }

    @Override
    public byte readByte() {
        return card == null ? 0 : card.readByte();
    }

    @Override
    public boolean dataReady() {
        return card != null && card.dataReady();
    }

    @Override
    public boolean receiveReady() {
        return card != null && card.receiveReady();
    }

    @Override
    public boolean inserted() {
        return card != null;
    }

    @Override
    public boolean readOnly() {
        return card != null && card.readOnly();
    }
}
