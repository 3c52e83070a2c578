using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Portfolio.Web.Forms;

/// <summary>
/// Reads numbers, dates and choices from form and query fields. A value that cannot be read (a number too large,
/// a date that does not exist, a choice that was never offered) becomes a message on its field, which the error
/// summary shows, never a silent zero or empty field. This is the one place each field type's message is decided.
/// Text is bound here too, so that no field carries a NUL character to the database.
/// </summary>
public sealed partial class FieldBinderProvider : IModelBinderProvider
{
    static readonly HashSet<Type> Numbers = [typeof(int), typeof(long), typeof(short), typeof(decimal), typeof(double)];
    static readonly HashSet<Type> Dates = [typeof(DateOnly), typeof(DateTime), typeof(DateTimeOffset)];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = context.Metadata.UnderlyingOrModelType;
        if (type == typeof(string))
        {
            return new TextBinder();
        }
        return Numbers.Contains(type) || Dates.Contains(type) || type.IsEnum ? new FieldBinder() : null;
    }

    sealed class FieldBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var result = context.ValueProvider.GetValue(context.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            context.ModelState.SetModelValue(context.ModelName, result);
            var text = result.FirstValue?.Trim();
            var metadata = context.ModelMetadata;
            if (string.IsNullOrEmpty(text))
            {
                if (metadata.IsReferenceOrNullableType)
                {
                    context.Result = ModelBindingResult.Success(null);
                }
                else
                {
                    context.ModelState.TryAddModelError(context.ModelName,
                        metadata.DisplayName is { } label ? $"{label}: fill this in" : "Fill this in");
                }
                return Task.CompletedTask;
            }
            if (TryRead(metadata.UnderlyingOrModelType, text) is { } value)
            {
                context.Result = ModelBindingResult.Success(value);
            }
            else
            {
                context.ModelState.TryAddModelError(context.ModelName,
                    Problem(metadata.UnderlyingOrModelType, metadata.DisplayName, text));
            }
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Text as the framework binds it (blank is null unless the field says otherwise), without NUL characters:
    /// PostgreSQL cannot keep them, and no person types one.
    /// </summary>
    sealed class TextBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var result = context.ValueProvider.GetValue(context.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            context.ModelState.SetModelValue(context.ModelName, result);
            var text = result.FirstValue?.Replace("\0", "", StringComparison.Ordinal);
            context.Result = ModelBindingResult.Success(
                string.IsNullOrWhiteSpace(text) && context.ModelMetadata.ConvertEmptyStringToNull ? null : text);
            return Task.CompletedTask;
        }
    }

    static object? TryRead(Type type, string text)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, c, out var v) ? v : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, c, out var v) ? v : null,
            _ when type == typeof(short) => short.TryParse(text, NumberStyles.Integer, c, out var v) ? v : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, c, out var v) ? v : null,
            _ when type == typeof(double) =>
                double.TryParse(text, NumberStyles.Float, c, out var v) && double.IsFinite(v) ? v : null,
            _ when type == typeof(DateOnly) => DateOnly.TryParse(text, c, out var v) ? v : null,
            _ when type == typeof(DateTime) => DateTime.TryParse(text, c, DateTimeStyles.None, out var v) ? v : null,
            _ when type == typeof(DateTimeOffset) =>
                DateTimeOffset.TryParse(text, c, DateTimeStyles.None, out var v) ? v : null,
            _ when type.IsEnum =>
                Enum.TryParse(type, text, ignoreCase: true, out var v) && Enum.IsDefined(type, v!) ? v : null,
            _ => null,
        };
    }

    // The message stands beside its field and is linked to it from the summary, so it names the field only when the
    // field has a display name: a property name ("From", "Rate") is rarely the words the page shows.
    static string Problem(Type type, string? label, string text)
    {
        var message = type switch
        {
            _ when Dates.Contains(type) => "enter a real date, with a day, month and year",
            _ when type.IsEnum => "choose one of the options offered",
            _ when WholeNumber().IsMatch(text) && (type == typeof(int) || type == typeof(long) || type == typeof(short))
                => "enter a smaller number",
            _ when type == typeof(decimal) || type == typeof(double) => "enter a number, like 12.5",
            _ => "enter a whole number, like 25",
        };
        return label is null ? char.ToUpperInvariant(message[0]) + message[1..] : $"{label}: {message}";
    }

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex WholeNumber();
}
