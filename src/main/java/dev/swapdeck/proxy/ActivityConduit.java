package dev.swapdeck.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Sits on a response channel and shows {@link ActivityTap} every byte the channel accepted, after
 * the write: nothing is copied ahead, held back or delayed. Transfers are turned into plain writes
 * through this conduit so that no byte can pass unseen.
 */
final class ActivityConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
    private final ActivityTap tap;

    ActivityConduit(StreamSinkConduit next, ActivityTap tap) {
        super(next);
        this.tap = tap;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int from = src.position();
        int written = next.write(src);
        tap.written(src, from, from + Math.max(written, 0));
        return written;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
        int[] from = positions(srcs, offs, len);
        long written = next.write(srcs, offs, len);
        seen(srcs, offs, len, from);
        return written;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        int from = src.position();
        int written = next.writeFinal(src);
        tap.written(src, from, from + Math.max(written, 0));
        return written;
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
        int[] from = positions(srcs, offs, len);
        long written = next.writeFinal(srcs, offs, len);
        seen(srcs, offs, len, from);
        return written;
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return IoUtils.transfer(source, count, throughBuffer, new ConduitWritableByteChannel(this));
    }

    private static int[] positions(ByteBuffer[] srcs, int offs, int len) {
        int[] from = new int[len];
        for (int i = 0; i < len; i++) {
            from[i] = srcs[offs + i].position();
        }
        return from;
    }

    private void seen(ByteBuffer[] srcs, int offs, int len, int[] from) {
        for (int i = 0; i < len; i++) {
            tap.written(srcs[offs + i], from[i], srcs[offs + i].position());
        }
    }
}
