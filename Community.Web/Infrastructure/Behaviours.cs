using Community.Web.Infrastructure.Caching;
using Community.Web.Data;
using Community.Web.Features.Search;
using Mediator;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Web.Infrastructure;

public sealed class ValidationBehaviour<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidate v)
        {
            var errors = v.Validate()
                .GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            if (errors.Count > 0) throw new ValidationFailedException(errors);
        }
        // Registered before TransactionBehaviour, so this runs outside the command's transaction.
        if (message is IValidateAsync a && await a.ValidateAsync(services, cancellationToken) is var (field, error))
            throw ValidationFailedException.For(field, error);
        return await next(message, cancellationToken);
    }
}

/// <summary>
/// Each command runs in one database transaction: it saves all of its changes or none, and the search documents of
/// the threads it changed are rewritten before it commits; then the pages it changed leave the page cache.
/// The provider opens it (<see cref="CommunityDb.BeginCommandTransactionAsync"/>: on PostgreSQL commands write one at a
/// time across instances, as on SQLite). A command that lost a deadlock or serialization conflict runs again from
/// the start, up to <see cref="MaxAttempts"/> times, with a fresh change tracker.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(CommunityDb db, PageCache pages, Features.Live.LiveUpdates live, AfterCommit afterCommit, ISearchIndex search, ILogger<TransactionBehaviour<TMessage, TResponse>> log) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public const int MaxAttempts = 8;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || db.Database.CurrentTransaction is not null)
            return await next(message, cancellationToken);

        TResponse committed;
        using (await db.WaitForWriteTurnAsync(cancellationToken)) committed = await CommitAsync(message, next, cancellationToken);
        // Sent once this instance's write turn is free again: a slow Redis backplane delays nobody's write.
        await live.PublishAsync(CancellationToken.None);
        await afterCommit.RunAsync(CancellationToken.None);
        return committed;
    }

    private async ValueTask<TResponse> CommitAsync(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            IDbContextTransaction? tx = null;
            try
            {
                tx = await db.BeginCommandTransactionAsync(cancellationToken);
                var response = await next(message, cancellationToken);
                await search.UpdateChangedAsync(SearchIndexJob.PerCommand, cancellationToken);
                await tx.CommitAsync(cancellationToken);
                await tx.DisposeAsync();
                tx = null;
                // Only what is committed may leave the page cache; a rolled-back command changed nothing.
                await pages.EvictAsync(CancellationToken.None);
                return response;
            }
            catch (Exception e) when (attempt < MaxAttempts && db.IsConcurrencyConflict(e))
            {
                // The transaction is rolled back (disposed); nothing tracked from it may be saved by the next attempt.
                await DisposeQuietlyAsync(tx);
                tx = null;
                db.ChangeTracker.Clear();
                live.Forget();
                afterCommit.Forget();
                log.LogDebug("{Command} conflicted with a concurrent command (attempt {Attempt}); running it again.", typeof(TMessage).Name, attempt);
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
            }
            catch
            {
                // Nothing was committed: nothing may be announced (the scope's next command must not send it either).
                live.Forget();
                afterCommit.Forget();
                throw;
            }
            finally
            {
                // A connection that broke under the command cannot roll back; the original error is the one to report.
                await DisposeQuietlyAsync(tx);
            }
        }
    }

    private async Task DisposeQuietlyAsync(IDbContextTransaction? tx)
    {
        if (tx is null) return;
        try
        {
            await tx.DisposeAsync();
        }
        catch (Exception e)
        {
            log.LogDebug(e, "The transaction could not be rolled back (its connection is gone); the database drops it.");
        }
    }
}
