package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The paths of llama-swap's filters, as its sjson library reads them. */
class JsonPathsTest {

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'a':1,'b':{'c':2,'d':3}}             | b.c         | {'a':1,'b':{'d':3}}",
        "{'messages':['x','y','z']}            | messages.0  | {'messages':['y','z']}",
        "{'messages':['x','y','z']}            | messages.-1 | {'messages':['x','y']}",
        "{'m':[{'role':'system','k':1}]}       | m.0.k       | {'m':[{'role':'system'}]}",
        "{'fav.movie':'x','fav':{'movie':'y'}} | fav\\.movie | {'fav':{'movie':'y'}}",
        "{'users':{'2313':{'n':1},'7':{}}}     | users.:2313 | {'users':{'7':{}}}",
    })
    void removes(String before, String path, String after) throws Exception {
        ObjectNode root = json(before);
        assertTrue(JsonPaths.remove(root, path));
        assertEquals(json(after), root);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'a':1}           | a.b        | {'a':1}",
        "{'m':['x']}       | m.3        | {'m':['x']}",
        "{'m':['x']}       | m.k        | {'m':['x']}",
        "{}                | -1         | {}",
    })
    void leavesWhatIsNotThere(String before, String path, String after) throws Exception {
        ObjectNode root = json(before);
        assertFalse(JsonPaths.remove(root, path));
        assertEquals(json(after), root);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                         | a.b                             | {'a':{'b':'v'}}",
        "{'a':1}                    | a.b                             | {'a':{'b':'v'}}",
        "{'f':['x','y']}            | f.1                             | {'f':['x','v']}",
        "{'f':['x','y']}            | f.-1                            | {'f':['x','y','v']}",
        "{'f':['x','y']}            | f.4                             | {'f':['x','y',null,null,'v']}",
        "{}                         | f.1                             | {'f':[null,'v']}",
        "{}                         | u.:1                            | {'u':{'1':'v'}}",
        "{}                         | chat_template_kwargs.enable_thinking | {'chat_template_kwargs':{'enable_thinking':'v'}}",
        "{'m':[{'role':'user'}]}    | m.0.role                        | {'m':[{'role':'v'}]}",
    })
    void sets(String before, String path, String after) throws Exception {
        ObjectNode root = json(before);
        JsonPaths.set(root, path, TextNode.valueOf("v"));
        assertEquals(json(after), root);
    }
}
