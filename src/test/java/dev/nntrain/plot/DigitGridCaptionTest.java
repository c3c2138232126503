package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each digit's caption stays inside its own cell, with blank pixels to spare beside it, however
 * long: measured on the drawn image, where each cell is found from its all-black digit (cells
 * are contiguous, so a boundary lies halfway between two digits' centres), and checked against
 * the font's own metrics.
 */
class DigitGridCaptionTest {

    private static final int WHITE = 0xffffff;

    /**
     * The longest caption render can write: both labels ten digits long (a label is below
     * Integer.MAX_VALUE), the prediction wrong, so in bold.
     */
    @Test
    void theLongestCaptionFitsItsCell() {
        int max = Integer.MAX_VALUE - 1;
        int[] labels = {max, max, max};
        int[] predicted = {max - 1, max, max - 1};
        BufferedImage chart = DigitGridChart.render(blackDigits(3), labels, predicted);
        int[][] squares = squares(chart);
        assertEquals(3, squares.length);

        String longest = "true 2147483646 \u00b7 pred 2147483645";
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        FontMetrics smallest = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.BOLD, 8));
        int pitch = centre(squares[1]) - centre(squares[0]);
        assertTrue(pitch >= smallest.stringWidth(longest),
                "cells " + pitch + " px apart, the caption " + smallest.stringWidth(longest) + " px at 8 points");
        g.dispose();
        assertCaptionsStayInTheirCells(chart, squares, 3);
    }

    /** At a size given, many digits: the columns are as many as their captions' width allows. */
    @Test
    void manyDigitsInAGivenSizeKeepTheirCaptionsApart() throws Exception {
        int[] labels = new int[12];
        int[] predicted = new int[12];
        for (int i = 0; i < 12; i++) {
            labels[i] = 1000 + i;
            predicted[i] = i % 3 == 0 ? 2000 + i : labels[i];
        }
        BufferedImage chart = DigitGridChart.render(blackDigits(12), labels, predicted, new ChartSize(1400, 160));
        int[][] squares = squares(chart);
        assertEquals(12, squares.length, "one row of 12");
        assertCaptionsStayInTheirCells(chart, squares, 3);
    }

    /** The course's captions at the default size: none runs into its neighbour's. */
    @Test
    void aChartTooNarrowForOneCaptionSaysWhatRoomItHas() {
        dev.nntrain.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(dev.nntrain.InvalidInputException.class,
                () -> DigitGridChart.render(blackDigits(1), new int[] {3}, new int[] {5}, new ChartSize(100, 300)));
        // 100 px less the two 12 px margins
        assertTrue(e.getMessage().contains("but a 100 px wide chart leaves 76 px inside its margins; use a wider size"),
                e.getMessage());
    }

    @Test
    void ordinaryCaptionsLeaveAGapBetweenCells() {
        int[] labels = {0, 7, 3, 3, 8, 1, 2, 6, 5, 9};
        int[] predicted = {0, 2, 3, 5, 8, 1, 2, 6, 5, 4};
        BufferedImage chart = DigitGridChart.render(blackDigits(10), labels, predicted);
        int[][] squares = squares(chart);
        assertEquals(10, squares.length);
        assertCaptionsStayInTheirCells(chart, squares, 3);
    }

    /**
     * Below the digits, no caption pixel lies within {@code spare} pixels of a boundary between two
     * cells or of the image's sides, and each caption is centred under its digit (a clipped or
     * spilled caption is not).
     */
    private static void assertCaptionsStayInTheirCells(BufferedImage chart, int[][] squares, int spare) {
        int captionTop = squares[0][3] + 5; // below the digit and its 3-pixel red frame
        int n = squares.length;
        int half = (centre(squares[1]) - centre(squares[0])) / 2;
        for (int i = 0; i < n; i++) {
            int left = i == 0 ? centre(squares[0]) - half : (centre(squares[i - 1]) + centre(squares[i])) / 2;
            int right = i == n - 1 ? centre(squares[i]) + half : (centre(squares[i]) + centre(squares[i + 1])) / 2;
            left = Math.max(left, 0);
            right = Math.min(right, chart.getWidth() - 1);
            int first = Integer.MAX_VALUE;
            int last = -1;
            for (int x = left; x <= right; x++) {
                for (int y = captionTop; y < chart.getHeight(); y++) {
                    if ((chart.getRGB(x, y) & 0xffffff) != WHITE) {
                        first = Math.min(first, x);
                        last = Math.max(last, x);
                    }
                }
            }
            String which = "caption " + (i + 1) + " in cell " + left + "-" + right;
            assertTrue(last >= 0, which + " is drawn");
            assertTrue(first >= left + spare, which + " starts at " + first);
            assertTrue(last <= right - spare, which + " ends at " + last);
            assertEquals(centre(squares[i]), (first + last) / 2.0, 2.5, which + " is centred under its digit");
        }
    }

    private static int centre(int[] square) {
        return (square[0] + square[1]) / 2;
    }

    private static float[][] blackDigits(int count) {
        float[][] images = new float[count][784];
        for (float[] image : images) {
            Arrays.fill(image, 0f);
        }
        return images;
    }

    /** The all-black digits, left to right: {left, right, top, bottom} of each run of black pixels. */
    private static int[][] squares(BufferedImage chart) {
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < chart.getHeight(); y++) {
            for (int x = 0; x < chart.getWidth(); x++) {
                if ((chart.getRGB(x, y) & 0xffffff) == 0) {
                    top = top < 0 ? y : top;
                    bottom = y;
                }
            }
        }
        int middle = (top + bottom) / 2;
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= chart.getWidth(); x++) {
            boolean black = x < chart.getWidth() && (chart.getRGB(x, middle) & 0xffffff) == 0;
            if (black && start < 0) {
                start = x;
            } else if (!black && start >= 0) {
                runs.add(new int[] {start, x - 1, top, bottom});
                start = -1;
            }
        }
        return runs.toArray(new int[0][]);
    }
}
