using System.CommandLine;
using System.Text;

namespace Cadence.Cli;

/// <summary>
/// Writes a command's output to the standard output, or to a file that appears whole or not at all: the text goes to a
/// temporary file beside it, renamed over the target only when the command completed. A run that fails or is cancelled
/// leaves no half file that looks complete (and leaves an earlier file of that name as it was).
/// </summary>
internal static class AtomicOutput
{
    /// <summary>Runs <paramref name="write"/> on the output and returns its exit code.</summary>
    /// <param name="file">The file to write; none for the standard output.</param>
    /// <param name="console">The standard output and error.</param>
    /// <param name="write">Writes the output and returns the exit code; the file is kept for <see cref="CliApp.Success"/> and <see cref="CliApp.Invalid"/> (complete output), dropped otherwise.</param>
    /// <returns>The exit code; <see cref="CliApp.Usage"/> when the file cannot be written.</returns>
    public static int Write(FileInfo? file, InvocationConfiguration console, Func<TextWriter, int> write)
    {
        if (file is null)
        {
            return write(console.Output);
        }

        var temporary = Path.Combine(file.DirectoryName ?? ".", $".{file.Name}.{Guid.NewGuid():N}.partial");
        var kept = false;
        try
        {
            int code;
            using (var writer = new StreamWriter(new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                code = write(writer);
            }

            if (code is CliApp.Success or CliApp.Invalid)
            {
                File.Move(temporary, file.FullName, overwrite: true);
                kept = true;
            }

            return code;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cadence: cannot write {file}: {e.Message}");
            return CliApp.Usage;
        }
        finally
        {
            if (!kept)
            {
                TryDelete(temporary);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the name marks it as partial.
        }
    }
}
