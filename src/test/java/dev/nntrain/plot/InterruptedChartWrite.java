package dev.nntrain.plot;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.nio.file.Path;

/**
 * The child JVM of {@link ChartInterruptTest}: writes a chart whose pixels, once the PNG encoder
 * asks for them, never come. It prints {@value #WRITING} at that moment, when the temporary file
 * exists and is open, and then waits to be stopped by a signal.
 */
public final class InterruptedChartWrite {

    /** The line printed once the write is under way. */
    static final String WRITING = "writing";

    private InterruptedChartWrite() {}

    /**
     * Writes the chart.
     *
     * @param args the PNG file to write
     * @throws Exception if the write fails
     */
    public static void main(String[] args) throws Exception {
        BufferedImage stalling = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB) {
            @Override
            public Raster getData(Rectangle rect) {
                stall();
                return super.getData(rect);
            }

            @Override
            public Raster getData() {
                stall();
                return super.getData();
            }

            @Override
            public java.awt.image.WritableRaster getRaster() {
                stall();
                return super.getRaster();
            }

            @Override
            public Raster getTile(int x, int y) {
                stall();
                return super.getTile(x, y);
            }
        };
        Charts.writePng(stalling, Path.of(args[0]));
        System.out.println("written"); // the write did not stall: the test says so
    }

    private static void stall() {
        System.out.println(WRITING);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
