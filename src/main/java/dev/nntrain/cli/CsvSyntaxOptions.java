package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.csv.Csv;

import picocli.CommandLine.Option;

import java.util.Locale;

/** How a CSV file is written (--separator, --header), shared by the commands that read one. */
final class CsvSyntaxOptions {

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ",",
            description = "A CSV file's character between cells: , ; | or tab (default: ${DEFAULT-VALUE}).")
    String separator;

    @Option(names = "--header", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Whether a CSV file's first row names the columns; auto: when it holds no number"
                    + " (default: ${DEFAULT-VALUE}).")
    String header;

    /**
     * Applies both options to CSV settings, checking each.
     *
     * @param csv the settings
     * @return the settings with this separator and header
     * @throws InvalidInputException for a value that cannot be
     */
    Csv applyTo(Csv csv) {
        Csv separated = csv.separator(separator());
        Boolean first = header();
        return first == null ? separated : separated.header(first);
    }

    /**
     * Reads --separator: one character, or tab written as tab or \t.
     *
     * @return the character
     * @throws InvalidInputException for anything that could be part of a cell
     */
    char separator() {
        String given = separator.equals("\\t") || separator.equalsIgnoreCase("tab") ? "\t" : separator;
        if (given.length() != 1 || given.equals("\"") || given.equals("\n") || given.equals("\r")
                || Character.isLetterOrDigit(given.charAt(0)) || given.equals(".") || given.equals("-") || given.equals("+")) {
            throw new InvalidInputException("--separator '" + separator + "' cannot separate cells; expected one character"
                    + " that is not part of a number or a quote, such as , ; | or tab");
        }
        return given.charAt(0);
    }

    /**
     * Reads --header.
     *
     * @return null for auto, else whether the first row is a header
     * @throws InvalidInputException for a value other than auto, yes or no
     */
    Boolean header() {
        switch (header.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return null;
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new InvalidInputException("--header '" + header + "' is not auto, yes or no");
        }
    }
}
