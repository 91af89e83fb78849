package io.netra.bridge.validation;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.lang.reflect.Field;

/**
 * Reads the CRD annotations ({@code @Min}, {@code @Max}, {@code @Size}, {@code @Pattern}) of the
 * model's fields, so that the operator's own validation and the generated CRD share one source.
 */
final class ModelLimits {

  /** An inclusive range of integers. */
  record Range(long min, long max) {
    boolean contains(long value) {
      return value >= min && value <= max;
    }
  }

  private ModelLimits() {}

  static Range range(Class<?> type, String field) {
    Field f = field(type, field);
    Min min = f.getAnnotation(Min.class);
    Max max = f.getAnnotation(Max.class);
    if (min == null || max == null) {
      throw new IllegalStateException(type.getSimpleName() + "." + field + " has no @Min/@Max");
    }
    return new Range((long) min.value(), (long) max.value());
  }

  static int maxSize(Class<?> type, String field) {
    Size size = field(type, field).getAnnotation(Size.class);
    if (size == null) {
      throw new IllegalStateException(type.getSimpleName() + "." + field + " has no @Size");
    }
    return (int) Math.min(Integer.MAX_VALUE, size.max());
  }

  static String pattern(Class<?> type, String field) {
    Pattern pattern = field(type, field).getAnnotation(Pattern.class);
    if (pattern == null) {
      throw new IllegalStateException(type.getSimpleName() + "." + field + " has no @Pattern");
    }
    return pattern.value();
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no field " + name, e);
    }
  }
}
