package dev.nntrain.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by every chart: colours, fonts, strokes and styled XChart charts. */
final class ChartStyle {

    /** The background of every chart. */
    static final Color BACKGROUND = Color.WHITE;
    /** Titles, labels and captions. */
    static final Color TEXT = new Color(0x222222);
    /** Grid lines and contour lines. */
    static final Color GRID = new Color(0xdddddd);
    /** Series colours, in order (the Tableau 10 palette, distinct for colour-blind readers). */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)
    };
    /** The training series of a history. */
    static final Color TRAINING = PALETTE[0];
    /** The validation series of a history. */
    static final Color VALIDATION = PALETTE[1];
    /** Marks a wrong prediction. */
    static final Color MISTAKE = new Color(0xd62728);

    /** A chart's title. */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    /** An axis' title. */
    static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Tick labels and small labels. */
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    /** Legends, subtitles and captions. */
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private static final Color TRANSPARENT = new Color(0, 0, 0, 0);

    private ChartStyle() {}

    /**
     * Returns a series colour.
     *
     * @param index the series, from 0; colours repeat after the palette's ten
     * @return its colour
     */
    static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /**
     * Mixes a colour with white, for backgrounds that must not hide what is drawn on them.
     *
     * @param color the colour
     * @param white how much white, 0 (none) to 1 (all)
     * @return the lighter colour
     */
    static Color tint(Color color, double white) {
        return new Color(
                mix(color.getRed(), white), mix(color.getGreen(), white), mix(color.getBlue(), white));
    }

    private static int mix(int channel, double white) {
        return (int) Math.round(channel + (255 - channel) * white);
    }

    /**
     * Formats a tick label for charts that write their own, with at most two decimals.
     *
     * @param value the tick's value
     * @return e.g. {@code 0.5}, {@code -2}, {@code 1.25}
     */
    static String tickLabel(double value) {
        // a new format each time: DecimalFormat is not safe to share between threads
        return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT))
                .format(value);
    }

    /**
     * Returns a solid line.
     *
     * @param width its width in pixels
     * @return the stroke
     */
    static BasicStroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * Returns a dashed line.
     *
     * @param width its width in pixels
     * @return the stroke
     */
    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {4 * width, 2.5f * width}, 0f);
    }

    /**
     * Returns an empty line chart in the shared style.
     *
     * @param size its size
     * @param title its title
     * @param xAxis the horizontal axis' title, with units
     * @param yAxis the vertical axis' title, with units
     * @return the chart
     */
    static XYChart xyChart(ChartSize size, String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(size.width()).height(size.height())
                .title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        styleAxes(chart.getStyler());
        return chart;
    }

    /**
     * Returns an empty bar chart in the shared style.
     *
     * @param size its size
     * @param title its title
     * @param xAxis the horizontal axis' title
     * @param yAxis the vertical axis' title
     * @return the chart
     */
    static CategoryChart barChart(ChartSize size, String title, String xAxis, String yAxis) {
        CategoryChart chart = new CategoryChartBuilder().width(size.width()).height(size.height())
                .title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        styleAxes(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * Makes a chart's backgrounds transparent, so that it can be painted over a picture.
     *
     * @param chart the chart
     */
    static void clearBackgrounds(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(TRANSPARENT);
        chart.getStyler().setPlotBackgroundColor(TRANSPARENT);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 220));
    }

    private static void styleAxes(AxesChartStyler styler) {
        styler.setChartBackgroundColor(BACKGROUND);
        styler.setPlotBackgroundColor(BACKGROUND);
        styler.setChartFontColor(TEXT);
        styler.setChartTitleFont(TITLE_FONT);
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(AXIS_TITLE_FONT);
        styler.setAxisTickLabelsFont(TICK_FONT);
        styler.setAxisTickLabelsColor(TEXT);
        styler.setLegendFont(LEGEND_FONT);
        styler.setLegendBorderColor(GRID);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setSeriesColors(PALETTE);
        styler.setAntiAlias(true);
        styler.setChartPadding(12);
        styler.setXAxisTickMarkSpacingHint(80);
        styler.setYAxisTickMarkSpacingHint(50);
    }
}
