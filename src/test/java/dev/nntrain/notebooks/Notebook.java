package dev.nntrain.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook (nbformat 4) as the tests need it: its kernel and its cells in order.
 *
 * @param name the file name, for messages
 * @param nbformat the major format version
 * @param kernelName the kernelspec's name ({@code java} for IJava and JJava)
 * @param language the kernelspec's language
 * @param cells every cell, in order
 */
record Notebook(String name, int nbformat, String kernelName, String language, List<Cell> cells) {

    /**
     * One cell.
     *
     * @param index the cell's position among all cells, from 0
     * @param type {@code code}, {@code markdown} or {@code raw}
     * @param source the cell's text, lines joined
     * @param outputs the number of stored outputs (code cells)
     * @param executed whether an execution count is stored (code cells)
     * @param executionCount the stored execution count, -1 for none
     * @param text what the stored outputs say: printed text, values, error messages
     * @param images the stored outputs that are PNG images
     * @param outputTypes each stored output's kind: {@code stream:stdout}, {@code stream:stderr},
     *     {@code execute_result}, {@code display_data} or {@code error}
     */
    record Cell(int index, String type, String source, int outputs, boolean executed, int executionCount,
            String text, int images, List<String> outputTypes) {

        /** A cell without stored outputs. */
        Cell(int index, String type, String source, int outputs, boolean executed) {
            this(index, type, source, outputs, executed, -1, "", 0, List.of());
        }

        boolean isCode() {
            return type.equals("code");
        }
    }

    /** @return the code cells, in order */
    List<Cell> codeCells() {
        return cells.stream().filter(Cell::isCode).toList();
    }

    /** Reads a notebook file. */
    static Notebook read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses a notebook's JSON.
     *
     * @param name the name used in messages
     * @param json the file's text
     * @return the notebook
     * @throws IllegalArgumentException if the JSON is not a notebook
     */
    static Notebook parse(String name, String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        JsonObject kernelspec = root.has("metadata") && root.getAsJsonObject("metadata").has("kernelspec")
                ? root.getAsJsonObject("metadata").getAsJsonObject("kernelspec")
                : new JsonObject();
        if (!root.has("cells")) {
            throw new IllegalArgumentException(name + " has no cells: not a notebook");
        }
        List<Cell> cells = new ArrayList<>();
        JsonArray array = root.getAsJsonArray("cells");
        for (int i = 0; i < array.size(); i++) {
            JsonObject cell = array.get(i).getAsJsonObject();
            JsonArray outputs = cell.has("outputs") ? cell.getAsJsonArray("outputs") : new JsonArray();
            boolean executed = cell.has("execution_count") && !cell.get("execution_count").isJsonNull();
            StringBuilder text = new StringBuilder();
            int images = 0;
            List<String> types = new ArrayList<>();
            for (JsonElement element : outputs) {
                JsonObject output = element.getAsJsonObject();
                String type = output.get("output_type").getAsString();
                types.add(type.equals("stream") ? "stream:" + output.get("name").getAsString() : type);
                if (output.has("text")) {
                    text.append(text(output.get("text")));
                }
                if (output.has("evalue")) {
                    text.append(output.get("evalue").getAsString()).append('\n');
                }
                JsonObject data = output.has("data") ? output.getAsJsonObject("data") : new JsonObject();
                if (data.has("image/png")) {
                    images++;
                } else if (data.has("text/plain")) {
                    text.append(text(data.get("text/plain"))).append('\n');
                }
            }
            cells.add(new Cell(i, cell.get("cell_type").getAsString(), text(cell.get("source")), outputs.size(),
                    executed, executed ? cell.get("execution_count").getAsInt() : -1, text.toString(), images,
                    List.copyOf(types)));
        }
        return new Notebook(name, root.has("nbformat") ? root.get("nbformat").getAsInt() : -1,
                string(kernelspec, "name"), string(kernelspec, "language"), List.copyOf(cells));
    }

    /** nbformat stores text as one string or as a list of lines that keep their newlines. */
    private static String text(JsonElement source) {
        if (source == null || source.isJsonNull()) {
            return "";
        }
        if (source.isJsonPrimitive()) {
            return source.getAsString();
        }
        StringBuilder sb = new StringBuilder();
        source.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
        return sb.toString();
    }

    private static String string(JsonObject object, String key) {
        return object.has(key) ? object.get(key).getAsString() : null;
    }
}
