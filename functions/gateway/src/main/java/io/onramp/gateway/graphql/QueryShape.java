package io.onramp.gateway.graphql;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/**
 * Depth and size of a parsed GraphQL document, computed from the document alone (fragments expanded, cycles cut):
 * depth = the deepest chain of nested fields (a root field is 1); fields = every field selected, fragments counted
 * where they are used. Both are at least what graphql-java's own depth and complexity instrumentations count.
 */
record QueryShape(int depth, int fields) {

    static QueryShape of(Document document) {
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof FragmentDefinition fragment) {
                fragments.put(fragment.getName(), fragment);
            }
        }
        Walker walker = new Walker(fragments);
        int depth = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                depth = Math.max(depth, walker.walk(operation.getSelectionSet(), 1, new HashSet<>()));
            }
        }
        return new QueryShape(depth, walker.fields);
    }

    private static final class Walker {
        private final Map<String, FragmentDefinition> fragments;
        private int fields;

        Walker(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        /** Returns the deepest level reached below {@code level}. */
        int walk(SelectionSet set, int level, Set<String> inProgress) {
            if (set == null) {
                return level - 1;
            }
            int deepest = level - 1;
            for (Selection<?> selection : set.getSelections()) {
                if (fields > 100_000) {
                    return deepest; // already far over any limit
                }
                if (selection instanceof Field field) {
                    fields++;
                    deepest = Math.max(deepest, field.getSelectionSet() == null
                            ? level
                            : walk(field.getSelectionSet(), level + 1, inProgress));
                } else if (selection instanceof InlineFragment inline) {
                    deepest = Math.max(deepest, walk(inline.getSelectionSet(), level, inProgress));
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null && inProgress.add(spread.getName())) {
                        deepest = Math.max(deepest, walk(fragment.getSelectionSet(), level, inProgress));
                        inProgress.remove(spread.getName());
                    }
                }
            }
            return deepest;
        }
    }
}
