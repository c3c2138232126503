package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Function;

/** Lays several charts out as panels of one image, side by side and in rows. */
final class Panels {

    private Panels() {}

    /**
     * Renders panels on a grid that fills the whole image; panels in the last column and row
     * take the pixels left over by the division.
     *
     * @param size the whole image's size
     * @param columns panels per row
     * @param panels each panel, drawn at the size it is given, row by row
     * @return the image
     * @throws InvalidInputException if a panel would be smaller than {@link ChartSize#MIN_SIDE}
     */
    static BufferedImage grid(
            ChartSize size, int columns, List<Function<ChartSize, BufferedImage>> panels) {
        int rows = (panels.size() + columns - 1) / columns;
        int width = size.width() / columns;
        int height = size.height() / rows;
        if (width < ChartSize.MIN_SIDE || height < ChartSize.MIN_SIDE) {
            throw new InvalidInputException("a chart of " + columns + " x " + rows
                    + " panels needs at least " + columns * ChartSize.MIN_SIDE + " x "
                    + rows * ChartSize.MIN_SIDE + " px, got " + size.width() + " x "
                    + size.height());
        }
        BufferedImage image = ChartImages.blank(size);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            int column = i % columns;
            int row = i / columns;
            int w = column == columns - 1 ? size.width() - column * width : width;
            int h = row == rows - 1 ? size.height() - row * height : height;
            g.drawImage(panels.get(i).apply(new ChartSize(w, h)), column * width, row * height, null);
        }
        g.dispose();
        return image;
    }

    /**
     * Renders one picture above another, each as wide as the image.
     *
     * @param size the whole image's size
     * @param topHeight the upper picture's height; the lower one takes the rest
     * @param top the upper picture, drawn at the size it is given
     * @param bottom the lower picture, drawn at the size it is given
     * @return the image
     */
    static BufferedImage stack(ChartSize size, int topHeight, Function<ChartSize, BufferedImage> top,
            Function<ChartSize, BufferedImage> bottom) {
        BufferedImage image = ChartImages.blank(size);
        Graphics2D g = image.createGraphics();
        g.drawImage(top.apply(new ChartSize(size.width(), topHeight)), 0, 0, null);
        g.drawImage(bottom.apply(new ChartSize(size.width(), size.height() - topHeight)), 0, topHeight, null);
        g.dispose();
        return image;
    }
}
