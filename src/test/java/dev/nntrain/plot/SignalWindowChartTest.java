package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignalWindowChartTest {

    @Test
    void drawsTheSignalAndABarPerUnit() {
        ChartSize size = new ChartSize(900, 420);
        BufferedImage chart = SignalWindowChart.render(SampleData.ekg(), SampleData.EKG_WINDOWS, size);

        Pixels.assertChart(chart, size);
        Pixels.assertShows(chart, ChartStyle.TEXT, 500, "the signal and the labels");
        for (int unit = 0; unit < 9; unit++) {
            Pixels.assertShows(chart, ChartStyle.tint(ChartStyle.color(unit), 0.55), 2000,
                    "the bar of unit " + (unit + 1));
        }
    }

    @Test
    void overlappingWindowsGoToSeparateRows() {
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0},
                SignalWindowChart.rows(SampleData.EKG_WINDOWS));
        List<IndexRange> nested = List.of(
                new IndexRange(0, 50), new IndexRange(10, 20), new IndexRange(15, 30),
                new IndexRange(50, 60));
        assertArrayEquals(new int[] {0, 1, 2, 0}, SignalWindowChart.rows(nested));
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        double[] ekg = SampleData.ekg();
        assertMessage("signal has 0 values",
                () -> SignalWindowChart.render(new double[0], SampleData.EKG_WINDOWS));
        double[] broken = ekg.clone();
        broken[42] = Double.NaN;
        assertMessage("signal[42] is NaN",
                () -> SignalWindowChart.render(broken, SampleData.EKG_WINDOWS));
        assertMessage("windows has 0 values", () -> SignalWindowChart.render(ekg, List.of()));
        assertMessage("window 2 IndexRange[start=90, end=110] reaches past the signal's 100",
                () -> SignalWindowChart.render(ekg,
                        List.of(new IndexRange(0, 20), new IndexRange(90, 110))));
        assertMessage("index range [5, 5) is empty", () -> new IndexRange(5, 5));
        assertMessage("index range [-1, 5) is empty or starts below 0", () -> new IndexRange(-1, 5));
    }

    @Test
    void aMarksLabelIsOneLineThatFitsThePlot() {
        double[] ekg = SampleData.ekg();
        assertMessage("a marked span's label is one line, got one with a line break or control character: a...",
                () -> new SignalWindowChart.Mark(40, 50, "a\nb"));
        // the default font is far wider than a 100-sample plot's few hundred pixels at 300 characters
        String wide = "w".repeat(300);
        assertMessage("the marked span's label is",
                () -> SignalWindowChart.render(ekg, SampleData.EKG_WINDOWS, new SignalWindowChart.Mark(40, 50, wide),
                        new ChartSize(900, 420)));
        // a short label fits and is drawn
        SignalWindowChart.render(ekg, SampleData.EKG_WINDOWS, new SignalWindowChart.Mark(40, 50, "bump"), new ChartSize(900, 420));
    }
}
