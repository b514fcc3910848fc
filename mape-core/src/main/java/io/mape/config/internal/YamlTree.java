package io.mape.config.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.mape.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read into a tree that remembers the line of every key, refusing what YAML allows but a config must not
 * hold: a key twice in one mapping, merge keys ({@code <<}) and aliases ({@code *name}), which would otherwise pass
 * as plain text. Every failure is a {@link ConfigException} naming the file and the line.
 *
 * @param root  the top mapping (empty for an empty file)
 * @param lines the line of each key by its JSON pointer ({@code /rest/port}, {@code /rest.port} for a dotted key,
 *              {@code /cars/0} for a list item)
 */
public record YamlTree(ObjectNode root, Map<String, Integer> lines) {

    /** Reads {@code file} with {@code mapper} (a YAML one). */
    public static YamlTree read(Path file, ObjectMapper mapper) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return new YamlTree(mapper.createObjectNode(), lines);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(file + ": expected a mapping of keys at the top, got " + p.getText()
                        + " (line " + line(p) + ")");
            }
            ObjectNode root = mapper.createObjectNode();
            readObject(p, root, "", "", lines, file, mapper);
            return new YamlTree(root, lines);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void readObject(JsonParser p, ObjectNode into, String path, String pointer,
            Map<String, Integer> lines, Path file, ObjectMapper mapper) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int line = line(p);
            String child = path.isEmpty() ? name : path + "." + name;
            String childPointer = pointer + "/" + name;
            if (name.equals("<<")) {
                throw new ConfigException(file + " line " + line + ": YAML merge keys ('<<') are not supported in "
                        + "the config; write the keys out" + (path.isEmpty() ? "" : " in '" + path + "'"));
            }
            if (into.has(name)) {
                throw new ConfigException(file + " line " + line + ": key '" + child + "' is given twice (also at "
                        + file + " line " + lines.get(childPointer) + "); keep one");
            }
            lines.put(childPointer, line);
            p.nextToken();
            into.set(name, readValue(p, child, childPointer, lines, file, mapper));
        }
    }

    private static JsonNode readValue(JsonParser p, String path, String pointer, Map<String, Integer> lines,
            Path file, ObjectMapper mapper) throws IOException {
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new ConfigException(file + " line " + line(p) + ": key '" + path + "' is a YAML alias ('*"
                    + p.getText() + "'), which the config does not support; write the value out");
        }
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = mapper.createObjectNode();
            readObject(p, o, path, pointer, lines, file, mapper);
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = mapper.createArrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String item = pointer + "/" + i;
                lines.put(item, line(p));
                a.add(readValue(p, path + "[" + i++ + "]", item, lines, file, mapper));
            }
            return a;
        }
        return mapper.readTree(p);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
