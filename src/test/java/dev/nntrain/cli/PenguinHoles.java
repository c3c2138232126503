package dev.nntrain.cli;

import dev.nntrain.data.Datasets;
import dev.nntrain.data.csv.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The penguins with holes punched in them, and the oracle of the missing-value tests: which rows
 * the seeded split trains on (found through an id column), and the values a hole takes, worked
 * out from the raw cells.
 *
 * @param header the header: species, island, four measurements, sex, year
 * @param rows the rows with their holes, in file order
 */
record PenguinHoles(String header, List<String[]> rows) {

    /**
     * Reads data/penguins.csv and punches holes: row i's island where {@code i % island == 7},
     * bill length where {@code i % bill == 4} ("NA"), mass where {@code i % mass == 5} ("?"), sex
     * where {@code i % sex == 2} (empty).
     */
    static PenguinHoles punch(int island, int bill, int mass, int sex) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("data/penguins.csv"));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            row[2] = i % bill == 4 ? "NA" : row[2];
            row[5] = i % mass == 5 ? "?" : row[5];
            row[6] = i % sex == 2 ? "" : row[6];
            row[1] = i % island == 7 ? "NA" : row[1];
        }
        return new PenguinHoles(lines.get(0), rows);
    }

    static boolean missing(String cell) {
        return cell.isEmpty() || cell.equals("NA") || cell.equals("?");
    }

    /** Writes the rows (with the header) as CSV. */
    Path write(Path file) throws IOException {
        return write(file, rows);
    }

    private Path write(Path file, List<String[]> table) throws IOException {
        StringBuilder text = new StringBuilder(header).append('\n');
        for (String[] row : table) {
            text.append(String.join(",", row)).append('\n');
        }
        return Files.writeString(file, text.toString());
    }

    /**
     * The rows the seeded 0.2 test split trains on, in the order it gives them: the same rows with
     * an id in place of the year, holes patched anyhow, split by the library (the split reads the
     * labels alone, which are not what is tested).
     *
     * @param folder where the file with ids goes
     */
    List<Integer> trainingOrder(Path folder) throws IOException {
        List<String[]> ids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i).clone();
            for (int c = 1; c < 7; c++) {
                row[c] = missing(row[c]) ? (c == 1 ? "Dream" : c == 6 ? "male" : "1") : row[c];
            }
            row[7] = Integer.toString(i);
            ids.add(row);
        }
        Path idFile = new PenguinHoles(header.replace(",year", ",id"), ids).write(folder.resolve("penguins-ids.csv"));
        Datasets.TrainTest split = Datasets.load(new Datasets.Spec("csv:" + idFile, null, false,
                Csv.classification().labelColumn("species"), 0.2, 42));
        int id = split.train().featureColumns().orElseThrow().inputNames().indexOf("id");
        List<Integer> order = new ArrayList<>();
        for (float[] row : split.train().featureRows()) {
            order.add((int) row[id]);
        }
        return order;
    }

    /**
     * The rows' mean of each measurement and most frequent island and sex (ties to the first
     * sorted), from the raw cells, by feature column: island, four measurements, sex.
     */
    String[] fillValues(Collection<Integer> which) {
        String[] values = new String[6];
        for (int c = 1; c < 7; c++) {
            double sum = 0;
            int count = 0;
            Map<String, Integer> counts = new TreeMap<>();
            for (int i : which) {
                String cell = rows.get(i)[c];
                if (missing(cell)) {
                    continue;
                }
                if (c == 1 || c == 6) {
                    counts.merge(cell, 1, Integer::sum);
                } else {
                    sum += Float.parseFloat(cell); // as read: a float
                    count++;
                }
            }
            values[c - 1] = c == 1 || c == 6
                    ? counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()
                    : Double.toString(sum / count);
        }
        return values;
    }

    /** The line {@code summary} prints of a model that fills holes with these values (measurements read as floats). */
    static String summaryLine(String[] fill) {
        return "Missing values: filled in with the training rows' values, as evaluate and predict apply them: island "
                + fill[0] + ", bill_length_mm " + Float.parseFloat(fill[1]) + ", bill_depth_mm " + Float.parseFloat(fill[2])
                + ", flipper_length_mm " + Float.parseFloat(fill[3]) + ", body_mass_g " + Float.parseFloat(fill[4])
                + ", sex " + fill[5] + "\n";
    }

    /** Writes the rows with every hole filled by hand with the values given. */
    Path writeFilled(Path file, String[] fill) throws IOException {
        List<String[]> filled = new ArrayList<>();
        for (String[] row : rows) {
            String[] copy = row.clone();
            for (int c = 1; c < 7; c++) {
                copy[c] = missing(copy[c]) ? fill[c - 1] : copy[c];
            }
            filled.add(copy);
        }
        return write(file, filled);
    }
}
