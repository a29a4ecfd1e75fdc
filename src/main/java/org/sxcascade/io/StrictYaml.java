package org.sxcascade.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * What the YAML tree (as Jackson builds it) loses and the case format refuses (docs/case-format.md):
 * a second document after {@code ---} (Jackson reads the first only), a tag such as
 * {@code !!binary} (Jackson drops it and keeps the value), and whether a scalar was quoted. It
 * walks the file's parser events beside the tree: the first two are {@link CaseFileException}s
 * with the line and column; each quoted scalar's text node is replaced by a {@link Quoted}, so
 * that {@link YamlMapping#number} can refuse {@code "10"} where a number is expected.
 */
final class StrictYaml {
    /** A scalar written in quotes ({@code "1.5"}, {@code '10'}): text, never a number. */
    static final class Quoted extends TextNode {
        private static final long serialVersionUID = 1L;

        Quoted(String text) {
            super(text);
        }
    }

    /** Where the walk is: a container of the tree (null where the tree has none) and its next key or index. */
    private static final class Frame {
        final JsonNode node;
        final boolean mapping;
        boolean atKey = true;
        String key;
        int index;

        Frame(JsonNode node, boolean mapping) {
            this.node = node;
            this.mapping = mapping;
        }

        /** The tree's node for the value now read (null if there is none). */
        JsonNode child() {
            if (node == null) {
                return null;
            }
            return mapping ? (key == null ? null : node.get(key)) : node.get(index);
        }

        /** Moves past a value. */
        void next() {
            if (mapping) {
                atKey = true;
                key = null;
            } else {
                index++;
            }
        }
    }

    private StrictYaml() {
    }

    /**
     * Checks the text's events and marks the tree's quoted scalars.
     *
     * @param text the YAML text that {@code root} was read from
     * @param root the tree of its first document
     * @throws CaseFileException for a second document or a tag, naming the line and column
     */
    static void check(String text, JsonNode root) {
        ParserImpl parser = new ParserImpl(new StreamReader(new StringReader(text)), new LoaderOptions());
        Deque<Frame> stack = new ArrayDeque<>();
        int documents = 0;
        while (parser.peekEvent() != null) {
            Event e = parser.getEvent();
            if (e.is(Event.ID.StreamEnd)) {
                break;
            }
            if (e.is(Event.ID.DocumentStart)) {
                if (++documents > 1) {
                    throw new CaseFileException("line " + line(e.getStartMark()) + ": a second YAML document "
                            + "(after ---): a case file holds one document; put the second in a file of its own");
                }
                continue;
            }
            if (e instanceof CollectionStartEvent c) {
                refuseTag(c.getTag(), e);
            } else if (e instanceof ScalarEvent s) {
                refuseTag(s.getTag(), e);
            }
            Frame top = stack.peek();
            boolean isKey = top != null && top.mapping && top.atKey;
            if (e instanceof ScalarEvent s) {
                if (isKey) {
                    top.key = s.getValue();
                    top.atKey = false;
                } else {
                    if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN && top != null) {
                        mark(top, s.getValue());
                    }
                    if (top != null) {
                        top.next();
                    }
                }
            } else if (e.is(Event.ID.Alias)) {
                if (isKey) {
                    top.atKey = false;
                } else if (top != null) {
                    top.next();
                }
            } else if (e.is(Event.ID.MappingStart) || e.is(Event.ID.SequenceStart)) {
                JsonNode node = top == null ? root : isKey ? null : top.child();
                stack.push(new Frame(node, e.is(Event.ID.MappingStart)));
                stack.peek().key = null;
                if (isKey) {
                    top.key = null; // a mapping or list as a key: nothing of the tree to mark under it
                }
            } else if (e.is(Event.ID.MappingEnd) || e.is(Event.ID.SequenceEnd)) {
                stack.pop();
                Frame parent = stack.peek();
                if (parent != null) {
                    if (parent.mapping && parent.atKey) {
                        parent.atKey = false; // it was a key
                    } else {
                        parent.next();
                    }
                }
            }
        }
    }

    /** Replaces the tree's text node of the value just read by a {@link Quoted}. */
    private static void mark(Frame top, String value) {
        JsonNode old = top.child();
        if (old == null || !old.isTextual() || !old.asText().equals(value)) {
            return;
        }
        if (top.node instanceof ObjectNode o) {
            o.set(top.key, new Quoted(value));
        } else if (top.node instanceof ArrayNode a) {
            a.set(top.index, new Quoted(value));
        }
    }

    private static void refuseTag(String tag, Event e) {
        if (tag != null) {
            String shown = tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length())
                    : tag;
            throw new CaseFileException("line " + line(e.getStartMark()) + ", column " + (e.getStartMark().getColumn() + 1)
                    + ": a YAML tag (" + shown + ") is not allowed: write the value alone (a number, a text in "
                    + "quotes, a list or a mapping)");
        }
    }

    private static int line(Mark m) {
        return m.getLine() + 1;
    }
}
