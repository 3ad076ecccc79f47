import {
  COMMENT_REFUSALS,
  type CommentAction,
  type CommentRequest,
  type CommentResult,
  type Role,
} from '@paja/shared';
import type * as Y from 'yjs';
import { applyCommentAction, type CommentAuthor, commentRefusal } from './commentActions';
import { applyCommentRequest } from './commentRequests';
import { SERVER_ORIGIN } from './origins';
import type { SaveRecipient } from './SavePipeline';

/** What commenting needs of a connection. */
export interface CommentingMember extends SaveRecipient {
  readonly role: Role;
  readonly participantId: string;
  /** Came through the board's public address, without a token. */
  readonly publicReader: boolean;
}

export interface CommentsHost<Member> {
  readonly doc: Y.Doc;
  /** The commenter hears `saved` after the commit that holds the server's write. */
  expectSaved(member: Member): void;
  /** Moderation's abuse controls and policy: held for a moderator, or `publish`ed now. */
  moderate(member: Member, request: CommentRequest): CommentResult;
}

/**
 * The board's comments as people ask for them: a comment or reply (`submit`), a support,
 * take-back, resolve or reopen (`act`). Nobody writes a comment into the document themselves:
 * the server does, in one transaction with itself as origin, so the update travels like any
 * edit (relayed to everyone, the commenter too, stored, confirmed by the next `saved`).
 */
export class BoardComments<Member extends CommentingMember> {
  readonly #host: CommentsHost<Member>;

  constructor(host: CommentsHost<Member>) {
    this.#host = host;
  }

  /**
   * A comment request: who may comment now (phase, publication) is decided before moderation,
   * so nothing a person may not write is ever held for a moderator either; then moderation
   * decides whether it is written now (`publish`) or held (side state).
   */
  submit(member: Member, request: CommentRequest): CommentResult {
    const refusal = commentRefusal(this.#host.doc, authorOf(member));
    if (refusal !== null) {
      return { request: request.request, ok: false, error: COMMENT_REFUSALS[refusal] };
    }
    return this.#host.moderate(member, request);
  }

  /** Writes a comment as the server (moderation let it through, or a moderator approved it). */
  publish(member: Member, request: CommentRequest): CommentResult {
    const result = applyCommentRequest(this.#host.doc, request, authorOf(member), SERVER_ORIGIN);
    this.#host.expectSaved(member);
    return result;
  }

  /** Applies a support, take-back, resolve or reopen as the server; travels like a comment. */
  act(member: Member, action: CommentAction): CommentResult {
    const result = applyCommentAction(this.#host.doc, action, authorOf(member), SERVER_ORIGIN);
    this.#host.expectSaved(member);
    return result;
  }
}

function authorOf(member: CommentingMember): CommentAuthor {
  return {
    participantId: member.participantId,
    facilitator: member.role === 'facilitator',
    publicReader: member.publicReader,
  };
}
