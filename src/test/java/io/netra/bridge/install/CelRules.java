package io.netra.bridge.install;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the CRD's {@code x-kubernetes-validations} rules with CEL-Java, walking the schema and
 * the value together the way the API server does ({@code self} is the value at the rule's node).
 * Transition rules ({@code oldSelf}) are not used by this CRD and not supported here.
 */
final class CelRules {
  private final CelCompiler compiler =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();
  private final CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
  private final Map<String, CelRuntime.Program> programs = new HashMap<>();

  /** Compiles a rule; throws when it is not valid CEL (a server would reject the CRD). */
  CelRuntime.Program program(String rule) {
    return programs.computeIfAbsent(
        rule,
        r -> {
          try {
            CelAbstractSyntaxTree ast = compiler.compile(r).getAst();
            return runtime.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalStateException("CEL rule does not compile: " + r + ": " + e, e);
          }
        });
  }

  List<String> check(JsonNode schema, JsonNode value, String path) {
    List<String> problems = new ArrayList<>();
    if (value == null || value.isNull()) {
      return problems;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      Object result;
      try {
        result = program(expression).eval(Map.of("self", toCel(value)));
      } catch (CelEvaluationException e) {
        result = "error: " + e.getMessage();
      }
      if (!Boolean.TRUE.equals(result)) {
        problems.add(
            path
                + ": "
                + rule.path("message").asText("failed rule")
                + " (rule: "
                + expression
                + ")");
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
        problems.addAll(
            check(p.getValue(), value.get(p.getKey()), CrdSchema.child(path, p.getKey())));
      }
      JsonNode additional = schema.path("additionalProperties");
      if (additional.isObject()) {
        for (Map.Entry<String, JsonNode> e : value.properties()) {
          problems.addAll(check(additional, e.getValue(), CrdSchema.child(path, e.getKey())));
        }
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        problems.addAll(check(schema.get("items"), value.get(i), path + "[" + i + "]"));
      }
    }
    return problems;
  }

  /** JSON as CEL sees it: maps, lists, int64, double, string, bool. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
