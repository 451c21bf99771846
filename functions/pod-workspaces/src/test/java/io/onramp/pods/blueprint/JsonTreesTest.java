package io.onramp.pods.blueprint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonTreesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void extraFieldsOnTheServerAreFine() throws Exception {
        assertTrue(JsonTrees.contains(json("{\"a\":1,\"b\":{\"c\":2,\"d\":3},\"s\":{}}"),
                json("{\"a\":1,\"b\":{\"c\":2}}")));
        assertTrue(JsonTrees.contains(json("{}"), json("{\"podSelector\":{},\"x\":null,\"l\":[]}")));
        assertFalse(JsonTrees.contains(json("{\"a\":1}"), json("{\"a\":2}")));
        assertFalse(JsonTrees.contains(json("{}"), json("{\"a\":\"x\"}")));
    }

    @Test
    void arraysMatchElementWise() throws Exception {
        assertTrue(JsonTrees.contains(json("{\"l\":[{\"a\":1,\"x\":0},{\"b\":2}]}"),
                json("{\"l\":[{\"a\":1},{\"b\":2}]}")));
        assertFalse(JsonTrees.contains(json("{\"l\":[{\"a\":1},{\"b\":2},{}]}"),
                json("{\"l\":[{\"a\":1},{\"b\":2}]}")));
        assertFalse(JsonTrees.contains(json("{\"l\":[{\"b\":2},{\"a\":1}]}"), json("{\"l\":[{\"a\":1},{\"b\":2}]}")));
    }

    @Test
    void quantitiesCompareByValueUnderResourceKeys() throws Exception {
        assertTrue(JsonTrees.contains(json("{\"resources\":{\"limits\":{\"memory\":\"1Gi\",\"cpu\":\"500m\"}}}"),
                json("{\"resources\":{\"limits\":{\"memory\":\"1024Mi\",\"cpu\":\"0.5\"}}}")));
        assertTrue(JsonTrees.contains(json("{\"hard\":{\"pods\":\"20\"}}"), json("{\"hard\":{\"pods\":\"20\"}}")));
        assertFalse(JsonTrees.contains(json("{\"hard\":{\"pods\":\"21\"}}"), json("{\"hard\":{\"pods\":\"20\"}}")));
        assertFalse(JsonTrees.contains(json("{\"labels\":{\"v\":\"1.0\"}}"), json("{\"labels\":{\"v\":\"1\"}}")));
    }

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }
}
